package dk.brevrute.kit.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.brevrute.events.Violation;

/** An RFC 7807 problem detail, with every violation of a rejected request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static URI type(String slug) {
        return URI.create("https://brevrute.dk/problems/" + slug);
    }
}
