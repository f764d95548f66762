package fr.carnet.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import org.junit.jupiter.api.Test;

/** A known token's caller is told to the container here; every other request goes to the bridge. */
class KnownTokenAuthenticationTest {

  private final ApiCaller caller =
      new ApiCaller(
          (java.security.Principal) () -> "admin-1",
          Set.of("admin"),
          Actor.staff("admin-1", Role.ADMIN));
  private final List<Callback> told = new ArrayList<>();
  private final List<String> bridged = new ArrayList<>();
  private final Map<String, Object> attributes = new HashMap<>();

  private KnownTokenAuthentication.Context context(Optional<ApiCaller> known) {
    return new KnownTokenAuthentication.Context(
        this::bridge, callbacks -> told.addAll(List.of(callbacks)), request -> known);
  }

  @Test
  void aKnownTokensCallerIsToldToTheContainerWithoutTheBridge() throws Exception {
    var context = context(Optional.of(caller));
    Subject client = new Subject();
    MessageInfo message = message();

    assertThat(context.validateRequest(message, client, null)).isEqualTo(AuthStatus.SUCCESS);
    assertThat(context.secureResponse(message, null)).isEqualTo(AuthStatus.SEND_SUCCESS);

    assertThat(bridged).isEmpty();
    assertThat(told).hasSize(2);
    var principal = (CallerPrincipalCallback) told.get(0);
    assertThat(principal.getSubject()).isSameAs(client);
    assertThat(principal.getPrincipal()).isSameAs(caller.principal());
    var groups = (GroupPrincipalCallback) told.get(1);
    assertThat(groups.getSubject()).isSameAs(client);
    assertThat(groups.getGroups()).containsExactly("admin");
    assertThat(attributes).containsEntry(ApiCaller.ATTRIBUTE, caller);
  }

  @Test
  void anyOtherRequestGoesToTheBridgeBothWays() throws Exception {
    var context = context(Optional.empty());
    MessageInfo message = message();

    assertThat(context.validateRequest(message, new Subject(), null))
        .isEqualTo(AuthStatus.SEND_FAILURE);
    assertThat(context.secureResponse(message, null)).isEqualTo(AuthStatus.SEND_FAILURE);

    assertThat(bridged).containsExactly("context", "validate", "secure");
    assertThat(told).isEmpty();
    assertThat(attributes).doesNotContainKey(ApiCaller.ATTRIBUTE);
  }

  private ServerAuthContext bridge() {
    bridged.add("context");
    return new ServerAuthContext() {
      @Override
      public AuthStatus validateRequest(MessageInfo m, Subject client, Subject service) {
        bridged.add("validate");
        return AuthStatus.SEND_FAILURE;
      }

      @Override
      public AuthStatus secureResponse(MessageInfo m, Subject service) {
        bridged.add("secure");
        return AuthStatus.SEND_FAILURE;
      }

      @Override
      public void cleanSubject(MessageInfo m, Subject subject) {
        bridged.add("clean");
      }
    };
  }

  private MessageInfo message() {
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> {
                      return attributes.get((String) args[0]);
                    }
                    default -> {}
                  }
                  return null;
                });
    Map<Object, Object> map = new HashMap<>();
    return new MessageInfo() {
      @Override
      public Object getRequestMessage() {
        return request;
      }

      @Override
      public Object getResponseMessage() {
        return null;
      }

      @Override
      public void setRequestMessage(Object message) {}

      @Override
      public void setResponseMessage(Object message) {}

      @Override
      @SuppressWarnings("rawtypes")
      public Map getMap() {
        return map;
      }
    };
  }
}
