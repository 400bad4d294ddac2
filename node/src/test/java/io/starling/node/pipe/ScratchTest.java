package io.starling.node.pipe;

import io.starling.protocol.catalog.PipeSpec;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void scratch() throws Exception {
        QueryEngine engine = new QueryEngine();
        QueryResult base = engine.execute("SELECT toDate('2024-03-01') AS day, 'buy' AS kind, 1.5 AS total, toUInt64(2) AS hits UNION ALL SELECT toDate('2024-03-01'), 'view', 0, toUInt64(1)",
                QueryContext.of((d, n) -> Optional.empty()));
        ResultSource source = ResultSource.of("daily_totals", base);
        String text = Files.readString(ProjectFiles.resource("shop").resolve("by_kind.pipe"));
        LoadedPipe pipe = LoadedPipe.load(PipeSpec.newBuilder().setId("t_1").setName("by_kind").setDatafile(text).build());
        System.out.println("SCRATCH rendered0 [" + pipe.templates().get(0).render(Map.of()).sql() + "]");
        System.out.println("SCRATCH rendered1 [" + pipe.templates().get(1).render(Map.of()).sql() + "]");
        QueryResult r = new PipeExecution(null, engine, (d, n) -> n.equals("daily_totals") ? Optional.of(source) : Optional.empty(),
                Map.of(), java.time.Instant.now().plusSeconds(10)).runOutput(pipe);
        System.out.println("SCRATCH rows " + r.rowCount());
        QueryResult f = new PipeExecution(null, engine, (d, n) -> n.equals("daily_totals") ? Optional.of(source) : Optional.empty(),
                Map.of(), java.time.Instant.now().plusSeconds(10)).runNode(pipe, 0);
        System.out.println("SCRATCH filtered rows " + f.rowCount() + " blocks " + f.blocks().size() + " " + f.blocks().stream().map(b -> b.rowCount()).toList());
    }
}
