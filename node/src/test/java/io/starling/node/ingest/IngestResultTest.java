package io.starling.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestResultTest {

    @Test
    void errorTextFollowsTinybird() {
        assertThat(new IngestResult("i", 5, 0, 0).errorText()).isNull();
        assertThat(new IngestResult("i", 5, 2, 2).errorText())
                .isEqualTo("There was an error with file contents: 2 rows in quarantine and 2 invalid lines");
        assertThat(new IngestResult("i", 5, 564, 0).errorText())
                .isEqualTo("There was an error with file contents: 564 rows in quarantine");
        assertThat(new IngestResult("i", 5, 0, 1).errorText())
                .isEqualTo("There was an error with file contents: 1 invalid line");
    }

    @Test
    void resultsAddUp() {
        IngestResult total = new IngestResult("i", 1, 2, 3).plus(new IngestResult("i", 10, 20, 30));
        assertThat(total).isEqualTo(new IngestResult("i", 11, 22, 33));
    }
}
