package dev.postmortem.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.FlashMap;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file over {@code spring.servlet.multipart.max-file-size} is refused before any page sees it: back to the form it
 * came from (a post-mortem's timeline import, the post-mortems' import) with the reason, not an error page.
 */
@ControllerAdvice
class UploadTooLarge {

    private static final Pattern IMPORT = Pattern.compile("/postmortems/([^/]{1,100})/timeline/import/preview");

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request) {
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        if (request.getRequestURI().equals("/postmortems/import")) {
            flash.put("problem", "The files are larger than an upload takes (each at most 512 KB, 20 MB in all): import them in parts.");
            RequestContextUtils.saveOutputFlashMap("/postmortems/import", request, null);
            return "redirect:/postmortems/import";
        }
        Matcher matcher = IMPORT.matcher(request.getRequestURI());
        if (!matcher.matches()) {
            return "redirect:/";
        }
        Map<String, String> errors = Map.of("log", "The file is larger than 512 KB: an incident's log is far smaller; is it the right file?");
        flash.put("errors", errors);
        flash.put("problem", errors.get("log"));
        flash.put("failedSection", "timeline-import");
        flash.put("form", Map.of());
        RequestContextUtils.saveOutputFlashMap("/postmortems/" + matcher.group(1), request, null);
        return "redirect:/postmortems/" + matcher.group(1) + "#" + "timeline-import";
    }
}
