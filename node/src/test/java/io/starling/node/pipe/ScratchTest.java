package io.starling.node.pipe;

import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataTypes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void scratch() {
        QueryEngine engine = new QueryEngine();
        QueryResult base = engine.execute("SELECT 'buy' AS kind, 1.5 AS total, toUInt64(2) AS hits UNION ALL SELECT 'view', 0, toUInt64(1)",
                QueryContext.of((d, n) -> Optional.empty()));
        ResultSource source = ResultSource.of("daily_totals", base);
        for (String sql : List.of("SELECT kind, sum(total) AS total, sum(hits) AS hits FROM daily_totals WHERE 1 GROUP BY kind",
                "SELECT kind, sum(total) AS total, sum(hits) AS hits FROM daily_totals GROUP BY kind",
                "SELECT * FROM daily_totals ORDER BY total DESC, kind LIMIT 10")) {
            QueryResult r = engine.execute(sql, QueryContext.of((d, n) -> Optional.of(source)));
            System.out.println("SCRATCH " + sql + " -> " + r.rowCount() + " " + r.blocks().size());
        }
    }
}
