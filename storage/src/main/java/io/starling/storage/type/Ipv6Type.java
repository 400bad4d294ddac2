package io.starling.storage.type;

/** IPv6: 16 bytes in network order in a StringColumn; text form {@code 2001:db8::1} (IPv4 as {@code ::ffff:1.2.3.4}). */
public record Ipv6Type() implements DataType {
    public static final Ipv6Type IPV6 = new Ipv6Type();

    @Override
    public String name() {
        return "IPv6";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.BYTES;
    }
}
