package dk.brevrute.kit.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the REST API as problem+json. Parse errors are described by location and field,
 * never by quoting the request, which may hold a CPR number.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper(priority = 1)
    Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder(" at $");
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            where = sb.toString();
        }
        JsonLocation loc = e.getLocation();
        if (loc != null) {
            where += " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        return respond(new Problem(Problem.type("malformed-request"), "Malformed request", 400,
                "the request body is not valid JSON for this operation" + where, uri.getPath(), null));
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 404 ? "not found" : title;
        return respond(new Problem(Problem.type(slug(title)), title, status, detail, uri.getPath(), null));
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
