package fr.carnet.web.console;

import jakarta.faces.FacesException;
import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;

/**
 * A desk opened without its token (a bookmark, a link from elsewhere: what a cross-site request
 * would look like) or a form whose view has expired goes back to the console's home page, whose
 * links carry the session's token, instead of an error page.
 */
public class ConsoleExceptionHandlerFactory extends ExceptionHandlerFactory {

  public ConsoleExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new Handler(getWrapped().getExceptionHandler());
  }

  private static final class Handler extends ExceptionHandlerWrapper {

    Handler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() {
      Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
      while (events.hasNext()) {
        Throwable thrown = events.next().getContext().getException();
        if (homeward(thrown)) {
          events.remove();
          FacesContext faces = FacesContext.getCurrentInstance();
          ExternalContext external = faces.getExternalContext();
          try {
            external.redirect(external.getRequestContextPath() + "/console/index.xhtml");
          } catch (IOException e) {
            throw new FacesException(e);
          }
          faces.responseComplete();
        }
      }
      getWrapped().handle();
    }

    private static boolean homeward(Throwable thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        if (cause instanceof ProtectedViewException || cause instanceof ViewExpiredException) {
          return true;
        }
      }
      return false;
    }
  }
}
