package io.starling.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.coordinator.catalog.WorkspaceTokenFactory;
import io.starling.node.auth.Scope;
import io.starling.node.auth.TokenAuthenticator;
import io.starling.protocol.catalog.WorkspaceTokens;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {

    @Test
    void theThreeWorkspaceTokensHoldEveryScope() {
        WorkspaceTokens tokens = WorkspaceTokenFactory.derivedFrom("admin");
        TokenAuthenticator authenticator = new TokenAuthenticator(() -> Optional.of(tokens));
        for (String token : new String[] {tokens.getUserToken(), tokens.getAdminToken(), "admin"}) {
            assertThat(authenticator.authenticate(token)).hasValueSatisfying(principal -> {
                for (Scope scope : Scope.values()) {
                    assertThat(principal.allows(scope)).isTrue();
                }
            });
        }
        assertThat(authenticator.authenticate("admi")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
    }

    @Test
    void nothingIsAcceptedBeforeTheTokensAreKnown() {
        assertThat(new TokenAuthenticator(Optional::empty).authenticate("anything")).isEmpty();
    }
}
