package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of a service's test of its own OpenAPI document (see {@link OpenApiContract}): the Swagger UI is served to
 * anyone, and {@link #documented} checks the contract every operation keeps before the subclass looks at the details.
 */
public abstract class OpenApiContractTest extends RunningServiceTest {

    /** The document, every operation checked, after asserting that the catalogue has one entry per endpoint. */
    protected JsonNode documented(int endpoints) {
        List<String> catalog = OpenApiContract.catalogKeys(getClass().getClassLoader());
        JsonNode spec = OpenApiContract.check(baseUrl(), catalog);
        assertThat(catalog).as("one entry per endpoint").hasSize(endpoints);
        return spec;
    }

    @Test
    void swaggerUiIsServedWithoutSigningIn() {
        OpenApiContract.checkSwaggerUi(baseUrl());
    }
}
