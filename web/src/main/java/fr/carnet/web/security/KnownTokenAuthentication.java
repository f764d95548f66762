package fr.carnet.web.security;

import jakarta.inject.Inject;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * An API request whose bearer token was verified before is authenticated here, in front of Jakarta
 * Security's bridge to {@link CarnetAuthenticationMechanism}: the bridge looked the mechanism up
 * through CDI and JNDI twice per request (to validate the request, then to secure the response,
 * which for the API does nothing), 9 % of a document read's CPU when measured. The caller is the
 * one {@link CarnetAuthenticationMechanism} remembered with the token, told to the container with
 * the same two Jakarta Authentication callbacks the bridge uses; every other request (the console,
 * tokens not seen yet, forged, expired, none) goes to the bridge and the mechanism as before.
 *
 * <p>Installed by wrapping, for this web module only, the Jakarta Authentication provider that
 * Jakarta Security registered at start-up; without one, nothing is changed.
 */
@WebListener
public class KnownTokenAuthentication implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(KnownTokenAuthentication.class.getName());
  private static final String LAYER = "HttpServlet";

  /** Set in a message's map when this context authenticated it, for its response. */
  static final String ANSWERED = KnownTokenAuthentication.class.getName() + ".answered";

  @Inject private CarnetAuthenticationMechanism mechanism;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    String appContext = context.getVirtualServerName() + " " + context.getContextPath();
    AuthConfigFactory factory = AuthConfigFactory.getFactory();
    AuthConfigProvider bridge = factory.getConfigProvider(LAYER, appContext, null);
    if (bridge == null) {
      LOG.warning("No Jakarta Authentication provider for " + appContext + ": left as it is");
      return;
    }
    CarnetAuthenticationMechanism known = mechanism;
    factory.registerConfigProvider(
        new Provider(bridge, known::knownCaller),
        LAYER,
        appContext,
        "Carnet: callers of known bearer tokens, then Jakarta Security");
  }

  /** Jakarta Security's provider, its server contexts wrapped. */
  record Provider(
      AuthConfigProvider bridge, Function<HttpServletRequest, Optional<ApiCaller>> known)
      implements AuthConfigProvider {

    @Override
    public ClientAuthConfig getClientAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return bridge.getClientAuthConfig(layer, appContext, handler);
    }

    @Override
    public ServerAuthConfig getServerAuthConfig(
        String layer, String appContext, CallbackHandler handler) throws AuthException {
      return new Config(bridge.getServerAuthConfig(layer, appContext, handler), handler, known);
    }

    @Override
    public void refresh() {
      bridge.refresh();
    }
  }

  /** Jakarta Security's server configuration, its contexts wrapped. */
  record Config(
      ServerAuthConfig bridge,
      CallbackHandler handler,
      Function<HttpServletRequest, Optional<ApiCaller>> known)
      implements ServerAuthConfig {

    @Override
    @SuppressWarnings("rawtypes")
    public ServerAuthContext getAuthContext(
        String authContextId, Subject serviceSubject, Map properties) {
      return new Context(
          () -> bridge.getAuthContext(authContextId, serviceSubject, properties), handler, known);
    }

    @Override
    public String getMessageLayer() {
      return bridge.getMessageLayer();
    }

    @Override
    public String getAppContext() {
      return bridge.getAppContext();
    }

    @Override
    public String getAuthContextID(MessageInfo messageInfo) {
      return bridge.getAuthContextID(messageInfo);
    }

    @Override
    public void refresh() {
      bridge.refresh();
    }

    @Override
    public boolean isProtected() {
      return bridge.isProtected();
    }
  }

  /** Where Jakarta Security's server context comes from, when a request needs it. */
  @FunctionalInterface
  interface BridgeContext {
    ServerAuthContext get() throws AuthException;
  }

  /**
   * Authenticates a request of a known token itself; hands any other to Jakarta Security's context,
   * asked for only then.
   */
  static final class Context implements ServerAuthContext {

    private final BridgeContext bridge;
    private final CallbackHandler handler;
    private final Function<HttpServletRequest, Optional<ApiCaller>> known;
    private ServerAuthContext opened;

    Context(
        BridgeContext bridge,
        CallbackHandler handler,
        Function<HttpServletRequest, Optional<ApiCaller>> known) {
      this.bridge = bridge;
      this.handler = handler;
      this.known = known;
    }

    @Override
    @SuppressWarnings("unchecked")
    public AuthStatus validateRequest(
        MessageInfo messageInfo, Subject clientSubject, Subject serviceSubject)
        throws AuthException {
      if (messageInfo.getRequestMessage() instanceof HttpServletRequest request) {
        Optional<ApiCaller> caller = known.apply(request);
        if (caller.isPresent()) {
          notifyContainer(clientSubject, caller.get());
          request.setAttribute(ApiCaller.ATTRIBUTE, caller.get());
          messageInfo.getMap().put(ANSWERED, Boolean.TRUE);
          return AuthStatus.SUCCESS;
        }
      }
      return bridge().validateRequest(messageInfo, clientSubject, serviceSubject);
    }

    @Override
    public AuthStatus secureResponse(MessageInfo messageInfo, Subject serviceSubject)
        throws AuthException {
      if (Boolean.TRUE.equals(messageInfo.getMap().get(ANSWERED))) {
        // What the bridge answers for an API response: the mechanism has nothing to add to it.
        return AuthStatus.SEND_SUCCESS;
      }
      return bridge().secureResponse(messageInfo, serviceSubject);
    }

    @Override
    public void cleanSubject(MessageInfo messageInfo, Subject subject) throws AuthException {
      bridge().cleanSubject(messageInfo, subject);
    }

    private ServerAuthContext bridge() throws AuthException {
      if (opened == null) {
        opened = bridge.get();
      }
      return opened;
    }

    private void notifyContainer(Subject clientSubject, ApiCaller caller) throws AuthException {
      try {
        handler.handle(
            new Callback[] {
              new CallerPrincipalCallback(clientSubject, caller.principal()),
              new GroupPrincipalCallback(clientSubject, caller.groups().toArray(String[]::new))
            });
      } catch (IOException | UnsupportedCallbackException e) {
        AuthException failure = new AuthException("The container refused the caller");
        failure.initCause(e);
        throw failure;
      }
    }
  }
}
