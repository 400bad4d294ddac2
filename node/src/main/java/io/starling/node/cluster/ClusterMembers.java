package io.starling.node.cluster;

import io.starling.protocol.shardlog.ReplicaSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** This node's view of the data nodes that are Up, as replica slot candidates. Thread-safe (reads cluster state). */
public final class ClusterMembers {
    private final Cluster cluster;

    public ClusterMembers(Cluster cluster) {
        this.cluster = cluster;
    }

    public String selfId() {
        return ClusterSettings.nodeId(cluster.selfMember());
    }

    /** Up (or WeaklyUp) members with role data and a data port, in address order. */
    public List<ReplicaSlot> upDataNodes() {
        List<ReplicaSlot> nodes = new ArrayList<>();
        for (Member member : cluster.state().getMembers()) {
            if (!member.hasRole(ClusterConfig.ROLE_DATA)) {
                continue;
            }
            if (member.status() != MemberStatus.up() && member.status() != MemberStatus.weaklyUp()) {
                continue;
            }
            if (cluster.state().getUnreachable().contains(member)) {
                continue;
            }
            Optional<String> data = ClusterSettings.dataAddress(member);
            data.ifPresent(address -> nodes.add(ReplicaSlot.newBuilder().setNode(ClusterSettings.nodeId(member))
                    .setDataAddress(address).build()));
        }
        nodes.sort((left, right) -> left.getNode().compareTo(right.getNode()));
        return nodes;
    }

    /** The node id of the leader among the data nodes (Pekko's role leader), if there is one. */
    public Optional<String> dataLeader() {
        org.apache.pekko.actor.Address leader = cluster.state().getRoleLeader(ClusterConfig.ROLE_DATA);
        if (leader == null || leader.host().isEmpty() || leader.port().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(leader.host().get() + ":" + leader.port().get());
    }

    /**
     * Node ids of every member with role data that has not been downed or removed (joining, up, unreachable,
     * leaving or exiting ones included): a node missing here is gone from the cluster.
     */
    public java.util.Set<String> presentDataNodes() {
        java.util.Set<String> present = new java.util.HashSet<>();
        for (Member member : cluster.state().getMembers()) {
            if (member.hasRole(ClusterConfig.ROLE_DATA) && member.status() != MemberStatus.down()
                    && member.status() != MemberStatus.removed()) {
                present.add(ClusterSettings.nodeId(member));
            }
        }
        return present;
    }

    /**
     * Node ids of the Up (or WeaklyUp) data members, reachable or not: the nodes that can hold a replica once they
     * answer again. A node that misses heartbeats for a moment (a long GC, a starved CPU) is unreachable but still
     * one of these.
     */
    public java.util.Set<String> upDataNodeIds() {
        java.util.Set<String> up = new java.util.HashSet<>();
        for (Member member : cluster.state().getMembers()) {
            if (member.hasRole(ClusterConfig.ROLE_DATA) && ClusterSettings.dataAddress(member).isPresent()
                    && (member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp())) {
                up.add(ClusterSettings.nodeId(member));
            }
        }
        return up;
    }

    /**
     * True when asking {@code nodeId} is worth it: a data member that is reachable and joining, up or leaving. An
     * insert asks such replicas for its quorum even before this node's view has them Up (gossip lags behind the
     * leader's), where skipping them failed the insert at once.
     */
    public boolean mayAnswer(String nodeId) {
        for (Member member : cluster.state().getMembers()) {
            if (member.hasRole(ClusterConfig.ROLE_DATA) && ClusterSettings.nodeId(member).equals(nodeId)) {
                MemberStatus status = member.status();
                boolean serving = status == MemberStatus.joining() || status == MemberStatus.weaklyUp()
                        || status == MemberStatus.up() || status == MemberStatus.leaving();
                return serving && !cluster.state().getUnreachable().contains(member);
            }
        }
        return false;
    }

    public boolean isUp(String nodeId) {
        return upDataNodes().stream().anyMatch(slot -> slot.getNode().equals(nodeId));
    }
}
