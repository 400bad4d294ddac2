package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.sql.exec.ValueText;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.IntegerType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardRouterTest {
    private static TableSpec table(String shardingKey) {
        TableSpec.Builder spec = TableSpec.newBuilder().setTableId("t_router").setEngine("MergeTree")
                .addColumns(TableColumn.newBuilder().setName("id").setType("Int64"))
                .addColumns(TableColumn.newBuilder().setName("user").setType("String"))
                .putSettings(ReplicatedTables.SHARDS_SETTING, "3");
        if (shardingKey != null) {
            spec.putSettings(ShardRouter.SHARDING_KEY_SETTING, shardingKey);
        }
        return spec.build();
    }

    private static Block block(int rows) {
        long[] ids = new long[rows];
        String[] users = new String[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
            users[i] = "user" + (i % 7);
        }
        return new Block(List.of(new LongColumn(IntegerType.INT64, ids), StringColumn.of(users)), rows);
    }

    @Test
    void aShardingKeyKeepsEqualKeysTogetherAndLosesNoRow() {
        Block[] split = ShardRouter.split(table("user"), block(700), 3, "hash:x");
        Map<String, Integer> shardOfUser = new HashMap<>();
        int rows = 0;
        int used = 0;
        for (int shard = 0; shard < split.length; shard++) {
            if (split[shard] == null) {
                continue;
            }
            used++;
            rows += split[shard].rowCount();
            for (int row = 0; row < split[shard].rowCount(); row++) {
                String user = ValueText.toText(split[shard].column(1), row);
                Integer previous = shardOfUser.put(user, shard);
                assertThat(previous == null || previous == shard).as(user).isTrue();
            }
        }
        assertThat(rows).isEqualTo(700);
        assertThat(used).isGreaterThan(1);
        assertThat(shardOfUser).hasSize(7);
        // Deterministic: the same block splits the same way again (a retried insert meets its dedup keys).
        Block[] again = ShardRouter.split(table("user"), block(700), 3, "hash:y");
        for (int shard = 0; shard < 3; shard++) {
            assertThat(again[shard] == null ? 0 : again[shard].rowCount())
                    .isEqualTo(split[shard] == null ? 0 : split[shard].rowCount());
        }
    }

    @Test
    void withoutAKeyTheWholeBlockGoesToTheShardOfItsDedupKey() {
        Block block = block(10);
        Block[] first = ShardRouter.split(table(null), block, 3, "token:abc");
        Block[] retry = ShardRouter.split(table(null), block, 3, "token:abc");
        int shard = -1;
        for (int i = 0; i < 3; i++) {
            if (first[i] != null) {
                assertThat(shard).isEqualTo(-1);
                shard = i;
                assertThat(first[i]).isSameAs(block);
            }
        }
        assertThat(retry[shard]).isSameAs(block);
        int[] counts = new int[3];
        for (int token = 0; token < 300; token++) {
            Block[] spread = ShardRouter.split(table(null), block, 3, "token:" + token);
            for (int i = 0; i < 3; i++) {
                counts[i] += spread[i] == null ? 0 : 1;
            }
        }
        assertThat(counts[0]).isGreaterThan(50);
        assertThat(counts[1]).isGreaterThan(50);
        assertThat(counts[2]).isGreaterThan(50);
    }

    @Test
    void aKeyThatIsNotAnExpressionOverTheColumnsIsABadArgument() {
        assertThatThrownBy(() -> ShardRouter.split(table("no_such_column"), block(3), 3, "k"))
                .isInstanceOf(StarlingException.class).hasMessageContaining("starling_sharding_key");
    }
}
