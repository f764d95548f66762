package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.Published;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** A push's answer: 201 with the document's location when it was filed now, 200 on a replay. */
final class PublishedResponse {

  private PublishedResponse() {}

  static Response of(Published published, UriInfo uri) {
    DocumentJson body = DocumentJson.of(published.document());
    if (!published.created()) {
      return Response.ok(body).build();
    }
    return Response.created(
            uri.getBaseUriBuilder()
                .path("v1/records/{record}/documents/{document}")
                .build(body.recordId(), body.id()))
        .entity(body)
        .build();
  }
}
