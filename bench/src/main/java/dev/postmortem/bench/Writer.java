package dev.postmortem.bench;

import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Writes a {@link Organisation.Plan} through the command API, command by command, timing each one. The post-mortem is
 * submitted naming a reviewer, who approves it before it is published, as the shipped review rules ask of a SEV1 or
 * SEV2 (every post-mortem is reviewed alike, so the load does not depend on the rules).
 */
final class Writer {

    private final Http commands;
    private final String reviewer;
    private final Http reviewerCommands;

    /** {@code reviewerCommands}: the command service as {@code reviewer}, who must not be the user of {@code commands}. */
    Writer(Http commands, String reviewer, Http reviewerCommands) {
        this.commands = commands;
        this.reviewer = reviewer;
        this.reviewerCommands = reviewerCommands;
    }

    /** What was written: the post-mortem's id, its last version, and how many commands it took. */
    record Written(String id, long version, int commands) {
    }

    /**
     * Writes the plan; each command's latency (µs) goes into {@code latencies}. Stops early, between commands, when
     * {@code stop} says so (a timed run ends).
     */
    Written write(Organisation.Plan plan, Recorder latencies, BooleanSupplier stop) {
        Call call = new Call(latencies);
        String id = call.run("POST", "/api/postmortems", Map.of("title", plan.title())).json().path("id").asText();
        String pm = "/api/postmortems/" + id;
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> call.run("PUT", pm + "/meeting", Map.of("meetingAt", plan.meetingAt().toString(),
                "contactPerson", plan.contact(), "facilitatedBy", plan.facilitator())));
        steps.add(() -> call.run("PUT", pm + "/times/start", Map.of("at", plan.start().toString())));
        steps.add(() -> call.run("PUT", pm + "/times/detect", Map.of("at", plan.detect().toString())));
        steps.add(() -> call.run("PUT", pm + "/times/end", Map.of("at", plan.end().toString())));
        steps.add(() -> call.run("PUT", pm + "/severity", Map.of("level", plan.severity())));
        steps.add(() -> call.run("PUT", pm + "/description", Map.of("summary", plan.summary(), "remediation", plan.remediation(),
                "additionalInfo", plan.additionalInfo())));
        for (Organisation.Entry entry : plan.timeline()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("occurredAt", entry.occurredAt().toString());
            body.put("kind", entry.kind());
            body.put("description", entry.description());
            if (entry.effect() != null) {
                body.put("effect", entry.effect());
            }
            if (entry.perspective() != null) {
                body.put("perspective", entry.perspective());
            }
            steps.add(() -> call.run("POST", pm + "/timeline", body));
        }
        for (Organisation.Stakeholder stakeholder : plan.stakeholders()) {
            steps.add(() -> call.run("POST", pm + "/stakeholders", Map.of("name", stakeholder.name(), "roles", stakeholder.roles())));
        }
        for (int step = 1; step <= plan.whys().size(); step++) {
            Organisation.Why why = plan.whys().get(step - 1);
            int number = step;
            steps.add(() -> call.run("PUT", pm + "/five-whys/" + number, Map.of("question", why.question(), "answer", why.answer())));
        }
        for (Organisation.Countermeasure countermeasure : plan.countermeasures()) {
            steps.add(() -> {
                String cm = pm + "/countermeasures/" + call.run("POST", pm + "/countermeasures", Map.of("title", countermeasure.title(),
                        "description", countermeasure.description(), "priority", countermeasure.priority(),
                        "type", countermeasure.type())).json().path("id").asText();
                call.run("PUT", cm + "/assignment", Map.of("owner", countermeasure.owner(), "targetDate", countermeasure.targetDate().toString()));
                if (countermeasure.completed()) {
                    call.run("POST", cm + "/start", null);
                    call.run("POST", cm + "/complete", Map.of("note", "Done and verified in production."));
                }
            });
        }
        steps.add(() -> call.run("PUT", pm + "/tags", Map.of("tags", plan.tags())));
        steps.add(() -> call.run("PUT", pm + "/affected-services", Map.of("services", plan.services())));
        steps.add(() -> call.run("PUT", pm + "/owning-teams", Map.of("teams", plan.teams())));
        steps.add(() -> call.run("PUT", pm + "/root-cause", Map.of("rootCause", plan.rootCause())));
        steps.add(() -> call.run("POST", pm + "/submit-for-review", Map.of("reviewers", List.of(reviewer))));
        steps.add(() -> call.run(reviewerCommands, "POST", pm + "/review/approve", null));
        steps.add(() -> call.run("POST", pm + "/publish", null));
        for (Runnable step : steps) {
            if (stop.getAsBoolean()) {
                break;
            }
            step.run();
        }
        return new Written(id, call.version, call.count);
    }

    /** One command at a time: timed, checked for 2xx, version kept. */
    private final class Call {
        private final Recorder latencies;
        long version;
        int count;

        Call(Recorder latencies) {
            this.latencies = latencies;
        }

        Http.Answer run(String method, String path, Object body) {
            return run(commands, method, path, body);
        }

        Http.Answer run(Http as, String method, String path, Object body) {
            long started = System.nanoTime();
            Http.Answer answer = as.ok(method, path, body);
            latencies.recordValue(Math.max(1, (System.nanoTime() - started) / 1_000));
            version = answer.version();
            count++;
            return answer;
        }
    }
}
