package io.starling.cli;

/** {@code --output}: tables for people, the server's JSON, or CSV for scripts. */
public enum OutputFormat {
    human, json, csv
}
