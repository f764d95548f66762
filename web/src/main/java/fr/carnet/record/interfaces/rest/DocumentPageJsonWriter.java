package fr.carnet.record.interfaces.rest;

import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** A page of documents, written as {@link DocumentJsonWriter} writes each of them. */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class DocumentPageJsonWriter implements MessageBodyWriter<DocumentPageJson> {

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == DocumentPageJson.class;
  }

  @Override
  public void writeTo(
      DocumentPageJson entity,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders,
      OutputStream entityStream) {
    try (JsonGenerator json = DocumentJsonWriter.GENERATORS.createGenerator(entityStream)) {
      DocumentJsonWriter.write(json, entity);
    }
  }
}
