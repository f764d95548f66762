package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.Published;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** A push's answer: 201 with the document's location when it was filed now, 200 on a replay. */
final class PublishedResponse {

  private PublishedResponse() {}

  static Response of(Published published, UriInfo uri) {
    DocumentJson body = DocumentJson.of(published.document());
    if (!published.created()) {
      return Response.ok(body).build();
    }
    // Two UUIDs after the base: written as they are, where a URI builder parsed its template and
    // encoded each part again at every push (2 % of a push's CPU).
    String base = uri.getBaseUri().toString();
    return Response.created(
            URI.create(
                base
                    + (base.endsWith("/") ? "" : "/")
                    + "v1/records/"
                    + body.recordId()
                    + "/documents/"
                    + body.id()))
        .entity(body)
        .build();
  }
}
