package fr.carnet.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.TraceTree;
import org.junit.jupiter.api.Test;

class SequencerHorizonTest {

  @Test
  void beforeAnythingIsKnownTheIdWindowAlone() {
    SequencerHorizon horizon = new SequencerHorizon();
    assertThat(horizon.lookBackFrom(40_000)).isEqualTo(40_000);
  }

  @Test
  void aTransactionStillRunningKeepsTheScanBelowTheIdWindow() {
    SequencerHorizon horizon = new SequencerHorizon();
    // Scan 1: traces up to 42,000 visible, transaction 500 not yet started, 400 still running.
    horizon.scanned(new TraceTree.Horizon(400, 500, 42_000));
    // Scan 2: 400 ended (oldest running is 500): the ids below 42,000 are resolved.
    horizon.scanned(new TraceTree.Horizon(500, 600, 43_000));
    assertThat(horizon.lookBackFrom(50_000)).isEqualTo(42_000);
    // Transaction 550, started before scan 2's snapshot, runs on while 20,000 traces are written:
    // it may hold ids below 43,000, so the marks from scan 2 on stay unresolved and the scan keeps
    // looking back to 42,000, far below the id window, until it ends.
    horizon.scanned(new TraceTree.Horizon(550, 700, 60_000));
    horizon.scanned(new TraceTree.Horizon(550, 900, 70_000));
    assertThat(horizon.lookBackFrom(60_000)).isEqualTo(42_000);
    // 550 ends: every mark it could hold traces below is resolved.
    horizon.scanned(new TraceTree.Horizon(1_000, 1_000, 71_000));
    assertThat(horizon.lookBackFrom(61_000)).isEqualTo(61_000);
    assertThat(horizon.lookBackFrom(80_000)).isEqualTo(70_000);
  }
}
