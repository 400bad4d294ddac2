package io.starling.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartNameTest {

    @Test
    void parsesFromTheRightSoPartitionIdsMayHoldUnderscores() {
        assertThat(PartName.tryParse("2024_01_3_7_1")).contains(new PartName("2024_01", 3, 7, 1));
        assertThat(PartName.tryParse("all_1_1_0").map(PartName::toString)).contains("all_1_1_0");
        assertThat(PartName.tryParse("tmp_insert_3")).isEmpty();
        assertThat(PartName.tryParse("tmp_delete_all_1_5_1")).isEmpty();
        assertThat(PartName.tryParse("tmp_fetch_all_2_2_0")).isEmpty();
        assertThat(PartName.tryParse("all_5_4_0")).isEmpty();
        assertThat(PartName.tryParse("detached")).isEmpty();
    }

    @Test
    void aMergedPartCoversItsSources() {
        PartName merged = new PartName("all", 1, 5, 1);
        assertThat(merged.covers(new PartName("all", 3, 3, 0))).isTrue();
        assertThat(merged.covers(new PartName("all", 5, 6, 0))).isFalse();
        assertThat(merged.covers(new PartName("other", 3, 3, 0))).isFalse();
        assertThat(merged.covers(merged)).isFalse();
    }

    @Test
    void escapesColumnNamesForFiles() {
        assertThat(PartFiles.escape("user_id")).isEqualTo("user_id");
        assertThat(PartFiles.escape("a.b c/é")).isEqualTo("a%2Eb%20c%2F%C3%A9");
    }
}
