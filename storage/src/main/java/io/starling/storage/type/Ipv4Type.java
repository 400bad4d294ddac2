package io.starling.storage.type;

/** IPv4: the address as an unsigned 32-bit number in a LongColumn; text form {@code 1.2.3.4}. */
public record Ipv4Type() implements DataType {
    public static final Ipv4Type IPV4 = new Ipv4Type();

    @Override
    public String name() {
        return "IPv4";
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }
}
