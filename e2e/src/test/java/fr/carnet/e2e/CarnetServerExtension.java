package fr.carnet.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Hands the one running {@link CarnetServer} to test classes, starting it on first demand. */
public final class CarnetServerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CarnetServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            Running.class, key -> new Running(CarnetServer.start()), Running.class)
        .carnet();
  }

  /** Stops the server when the whole test run is over. */
  private record Running(CarnetServer carnet) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      carnet.stop();
    }
  }
}
