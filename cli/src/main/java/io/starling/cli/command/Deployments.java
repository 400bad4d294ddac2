package io.starling.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.starling.cli.CliException;
import io.starling.cli.http.ApiClient;
import io.starling.cli.http.Params;
import io.starling.cli.output.Table;
import io.starling.cli.project.Project;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The deployment flow shared by {@code deploy} and {@code deployment create|promote|discard}, against
 * {@code POST /v1/deploy}, {@code GET /v1/deployments[/{id}]}, {@code POST /v1/deployments/{id}/set-live} and
 * {@code DELETE /v1/deployments/{id}} (spec lifecycle §2.9).
 */
final class Deployments {
    static final String DEPLOY_API = "deployments (POST /v1/deploy)";
    static final String LIST_API = "deployments (GET /v1/deployments)";

    private Deployments() {
    }

    record Flags(boolean check, boolean await, boolean auto, boolean allowDestructive, Duration timeout) {
    }

    static int create(ApiCommand command, Flags flags) throws InterruptedException {
        if (flags.auto() && !flags.await() && !flags.check()) {
            throw new CliException(2, "--auto only works with --wait: the deployment must be ready before it is promoted.");
        }
        PrintStream out = command.out();
        Project project = Project.locate(command.context().workingDirectory(), command.target().tinyb());
        if (project.isEmpty()) {
            throw new CliException(2, "No .datasource or .pipe files under " + project.root() + ". Run the command "
                    + "from your project folder.");
        }
        List<String> local = project.validate();
        if (!local.isEmpty()) {
            local.forEach(command.err()::println);
            throw new CliException("✗ " + local.size() + " datafile(s) have errors; fix them and deploy again.");
        }
        out.println(flags.check() ? "» Validating deployment..." : "» Deploying project...");
        Params params = new Params().addIf(flags.check(), "check", "true")
                .addIf(flags.allowDestructive(), "allow_destructive_operations", "true");
        ApiClient api = command.api();
        JsonNode answer = api.postMultipart("/v1/deploy", params, project.multipart(), null, null, DEPLOY_API, true)
                .json();
        String result = answer.path("result").asText("success");
        JsonNode deployment = answer.path("deployment");
        printFeedback(deployment, command.err());
        if (result.equals("no_changes")) {
            out.println("* No changes to be deployed");
            return 0;
        }
        if (result.equals("failed")) {
            printErrors(answer, command.err());
            command.err().println(flags.check() ? "✗ Deployment is not valid" : "Deployment failed");
            return 1;
        }
        printChanges(project, deployment, out);
        if (flags.check()) {
            out.println("✓ Deployment is valid");
            return 0;
        }
        String id = deployment.path("id").asText();
        out.println("✓ Deployment submitted successfully");
        if (!flags.await()) {
            out.println("* Deployment " + id + " is being created; follow it with `starling deployment ls`");
            return 0;
        }
        JsonNode ready = awaitReady(api, id, flags.timeout());
        if (ready == null) {
            command.err().println("Deployment failed");
            JsonNode failed = api.get("/v1/deployments/" + id, new Params(), LIST_API).json();
            printFeedback(failed.path("deployment"), command.err());
            printErrors(failed, command.err());
            command.err().println("Rolling back deployment");
            command.err().println("Previous deployment is already live");
            return 1;
        }
        out.println("Deployment is ready");
        if (flags.auto()) {
            promote(api, id, out);
        } else {
            out.println("* Deployment " + id + " is in staging; promote it with `starling deployment promote`");
        }
        return 0;
    }

    /** Polls the deployment until ready to promote (answers it) or failed (answers null). */
    static JsonNode awaitReady(ApiClient api, String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode answer = api.get("/v1/deployments/" + id, new Params(), LIST_API).json();
            JsonNode deployment = answer.has("deployment") ? answer.get("deployment") : answer;
            String status = deployment.path("status").asText("");
            if (status.equals("data_ready") || status.equals("live") || deployment.path("live").asBoolean(false)) {
                return deployment;
            }
            if (status.equals("failed") || status.equals("error") || status.startsWith("delet")) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException("Deployment " + id + " is still " + status + " after " + timeout.toSeconds()
                        + " s; follow it with `starling deployment ls`.");
            }
            Thread.sleep(500);
        }
    }

    static void promote(ApiClient api, String id, PrintStream out) {
        out.println("Setting candidate deployment as live");
        api.postBody("/v1/deployments/" + id + "/set-live", new Params(), "", "text/plain",
                "promoting deployments (POST /v1/deployments/{id}/set-live)");
        out.println("Removing old deployment");
        out.println("Deployment promoted successfully");
    }

    static JsonNode list(ApiClient api) {
        return api.get("/v1/deployments", new Params(), LIST_API).json();
    }

    /** The newest deployment that is not live and not failed or deleted; null if none. */
    static JsonNode staging(JsonNode deployments) {
        JsonNode best = null;
        for (JsonNode deployment : deployments.path("deployments")) {
            String status = deployment.path("status").asText("");
            boolean finished = status.equals("failed") || status.equals("error") || status.startsWith("delet");
            if (!deployment.path("live").asBoolean(false) && !status.equals("live") && !finished
                    && (best == null || deployment.path("id").asLong() > best.path("id").asLong())) {
                best = deployment;
            }
        }
        return best;
    }

    /** Documented human status: Live, Staging, Failed, Deleted, In progress. */
    static String humanStatus(JsonNode deployment) {
        String status = deployment.path("status").asText("");
        if (deployment.path("live").asBoolean(false) || status.equals("live")) {
            return "Live";
        }
        return switch (status) {
            case "data_ready" -> "Staging";
            case "failed", "error" -> "Failed";
            case "deleting", "deleted" -> "Deleted";
            default -> "In progress";
        };
    }

    private static void printChanges(Project project, JsonNode deployment, PrintStream out) {
        Table table = new Table("status", "name", "path");
        for (String kind : List.of("datasource", "pipe", "connection")) {
            for (String change : List.of("new", "changed", "deleted")) {
                for (JsonNode name : deployment.path(change + "_" + kind + "_names")) {
                    String path = project.pathOf(name.asText(), "." + kind);
                    table.row(change.equals("changed") ? "modified" : change, name.asText(), path == null ? "" : path);
                }
            }
        }
        if (table.size() == 0) {
            out.println("* No changes to be deployed");
        } else {
            out.println("» Changes to be deployed...");
            table.printHuman(out);
        }
        Table tokens = new Table("status", "token");
        for (String change : List.of("new", "changed", "deleted")) {
            for (JsonNode name : deployment.path(change + "_token_names")) {
                tokens.row(change.equals("changed") ? "modified" : change, name.asText());
            }
        }
        if (tokens.size() == 0) {
            out.println("* No changes in tokens to be deployed");
        } else {
            out.println("» Changes in tokens to be deployed...");
            tokens.printHuman(out);
        }
    }

    private static void printFeedback(JsonNode deployment, PrintStream err) {
        for (JsonNode feedback : deployment.path("feedback")) {
            err.println("* " + feedback.path("level").asText("INFO") + " " + feedback.path("resource").asText("")
                    + ": " + feedback.path("message").asText());
        }
    }

    static void printErrors(JsonNode answer, PrintStream err) {
        if (answer.hasNonNull("error") && !answer.get("error").asText().isBlank()) {
            err.println("* " + answer.get("error").asText());
        }
        for (JsonNode error : answer.path("errors")) {
            String file = error.path("filename").asText("");
            err.println("* " + (file.isEmpty() ? "" : file + ": ") + error.path("error").asText(error.toString()));
        }
    }
}
