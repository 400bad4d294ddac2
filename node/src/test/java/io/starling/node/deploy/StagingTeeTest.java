package io.starling.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.node.ingest.InsertHook;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.storage.block.Block;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StagingTeeTest {
    private static final DataSourceSpec LIVE = DataSourceSpec.newBuilder().setId("t_live").setName("orders").build();
    private static final Block BLOCK = new Block(List.of(), 0);

    @Test
    void theCutOverWaitsForAppendsInFlightAndOnlyLaterAppendsAreTeed() throws Exception {
        StagingTee tee = new StagingTee(InsertHook.NONE);
        List<Block> teed = new CopyOnWriteArrayList<>();
        tee.keepsRows(LIVE);   // an append in flight: entered, rows being written
        CountDownLatch cutOver = new CountDownLatch(1);
        Thread attach = Thread.ofPlatform().start(() -> tee.attach("t_live", teed::add, cutOver::countDown, 10_000));
        assertThat(cutOver.await(200, TimeUnit.MILLISECONDS)).as("cut-over waits for the append").isFalse();
        tee.afterInsert(LIVE, BLOCK);   // the in-flight append ends before the forward exists: not teed
        assertThat(cutOver.await(5, TimeUnit.SECONDS)).isTrue();
        attach.join(5_000);
        assertThat(teed).isEmpty();

        tee.keepsRows(LIVE);
        tee.afterInsert(LIVE, BLOCK);
        assertThat(teed).hasSize(1);
        tee.detach("t_live");
        tee.keepsRows(LIVE);
        tee.afterInsert(LIVE, BLOCK);
        assertThat(teed).hasSize(1);
    }

    @Test
    void aStuckAppendTimesTheCutOverOutAndAFailedAppendDoesNotLeakItsEntry() throws Exception {
        StagingTee tee = new StagingTee(InsertHook.NONE);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread stuck = Thread.ofPlatform().start(() -> {
            tee.keepsRows(LIVE);
            entered.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> tee.attach("t_live", block -> { }, () -> { }, 100))
                .hasMessageContaining("did not pause");
        finish.countDown();
        stuck.join(5_000);   // the thread died without leaving the gate: the pause stops counting it
        tee.attach("t_live", block -> { }, () -> { }, 1_000);
        assertThat(tee.forwarding("t_live")).isTrue();

        StagingTee other = new StagingTee(InsertHook.NONE);
        other.keepsRows(LIVE);           // this append fails: afterInsert never runs
        other.keepsRows(LIVE);           // the next append on the thread releases the stale entry
        other.afterInsert(LIVE, BLOCK);
        other.attach("t_live", block -> { }, () -> { }, 1_000);
        assertThat(other.forwarding("t_live")).isTrue();
    }
}
