package io.starling.sql.function.ip;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.RowKernel;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.TupleType;
import io.starling.storage.type.UuidType;
import java.util.List;

/**
 * IPv4NumToString, IPv4StringToNum(OrNull/OrDefault), IPv4NumToStringClassC, IPv6NumToString,
 * IPv6StringToNum(OrNull/OrDefault), IPv4ToIPv6, cutIPv6, isIPv4String, isIPv6String, isIPAddressInRange,
 * IPv4CIDRToRange, toIPv4OrNull/OrZero, toIPv6OrNull/OrZero, UUIDStringToNum, UUIDNumToString, toUUIDOrNull/OrZero.
 * Binary IPv6 and UUID values are FixedString(16) in network (text) order.
 */
public final class IpFunctions {
    private static final DataType FIXED16 = DataTypes.parse("FixedString(16)");
    private static final DataType UINT32 = Types.integer(32, false);

    private IpFunctions() {
    }

    /** What a parse function does with text that is not an address. */
    private enum OnError { THROW, NULL, DEFAULT }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("IPv4NumToString", arguments -> {
            requireIpv4Number("IPv4NumToString", arguments);
            return RowKernel.of(Types.STRING, values -> IpText.formatIpv4(((Number) values[0]).longValue()));
        }));
        registry.add(ScalarFunction.of("IPv4NumToStringClassC", arguments -> {
            requireIpv4Number("IPv4NumToStringClassC", arguments);
            return RowKernel.of(Types.STRING, values -> {
                String text = IpText.formatIpv4(((Number) values[0]).longValue());
                return text.substring(0, text.lastIndexOf('.') + 1) + "xxx";
            });
        }));
        ipv4Parse(registry, "IPv4StringToNum", UINT32, OnError.THROW);
        ipv4Parse(registry, "IPv4StringToNumOrNull", Types.makeNullable(UINT32), OnError.NULL);
        ipv4Parse(registry, "IPv4StringToNumOrDefault", UINT32, OnError.DEFAULT);
        ipv4Parse(registry, "toIPv4OrNull", Types.makeNullable(Ipv4Type.IPV4), OnError.NULL);
        ipv4Parse(registry, "toIPv4OrZero", Ipv4Type.IPV4, OnError.DEFAULT);
        ipv4Parse(registry, "toIPv4OrDefault", Ipv4Type.IPV4, OnError.DEFAULT);
        ipv6Parse(registry, "IPv6StringToNum", FIXED16, OnError.THROW);
        ipv6Parse(registry, "IPv6StringToNumOrNull", Types.makeNullable(FIXED16), OnError.NULL);
        ipv6Parse(registry, "IPv6StringToNumOrDefault", FIXED16, OnError.DEFAULT);
        ipv6Parse(registry, "toIPv6OrNull", Types.makeNullable(Ipv6Type.IPV6), OnError.NULL);
        ipv6Parse(registry, "toIPv6OrZero", Ipv6Type.IPV6, OnError.DEFAULT);
        ipv6Parse(registry, "toIPv6OrDefault", Ipv6Type.IPV6, OnError.DEFAULT);
        registry.add(ScalarFunction.of("IPv6NumToString", arguments -> {
            Errors.checkCount("IPv6NumToString", arguments, 1, 1);
            requireSixteenBytes("IPv6NumToString", arguments.get(0).type());
            return RowKernel.of(Types.STRING, values -> IpText.formatIpv6(sixteen(values[0])));
        }));
        registry.add(ScalarFunction.of("IPv4ToIPv6", arguments -> {
            requireIpv4Number("IPv4ToIPv6", arguments);
            return RowKernel.of(FIXED16, values -> IpText.parseIpv6(IpText.formatIpv4(((Number) values[0]).longValue())));
        }));
        registry.add(ScalarFunction.of("cutIPv6", arguments -> {
            Errors.checkCount("cutIPv6", arguments, 3, 3);
            requireSixteenBytes("cutIPv6", arguments.get(0).type());
            long v6 = arguments.get(1).constantLong("cutIPv6", 1);
            long v4 = arguments.get(2).constantLong("cutIPv6", 2);
            if (v6 < 0 || v6 > 16 || v4 < 0 || v4 > 4) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [cutIPv6] cuts 0..16 bytes of an IPv6 address"
                        + " and 0..4 of an IPv4 one, got " + v6 + " and " + v4);
            }
            return RowKernel.of(Types.STRING, values -> {
                byte[] bytes = sixteen(values[0]).clone();
                boolean mapped = isIpv4Mapped(bytes);
                long cut = mapped ? v4 : v6;
                for (int i = 0; i < cut; i++) {
                    bytes[15 - i] = 0;
                }
                return IpText.formatIpv6(bytes);
            });
        }));
        registry.add(ScalarFunction.of("isIPv4String", arguments -> {
            requireString("isIPv4String", arguments);
            return RowKernel.of(Types.UINT8, values -> IpText.parseIpv4(RowKernel.text(values[0])) >= 0 ? 1L : 0L);
        }));
        registry.add(ScalarFunction.of("isIPv6String", arguments -> {
            requireString("isIPv6String", arguments);
            return RowKernel.of(Types.UINT8, values -> {
                String text = RowKernel.text(values[0]);
                return text.contains(":") && IpText.parseIpv6(text) != null ? 1L : 0L;
            });
        }));
        registry.add(ScalarFunction.of("isIPAddressInRange", arguments -> {
            Errors.checkCount("isIPAddressInRange", arguments, 2, 2);
            return RowKernel.of(Types.UINT8, values -> inRange(RowKernel.text(values[0]), RowKernel.text(values[1])) ? 1L : 0L);
        }));
        registry.add(ScalarFunction.of("IPv4CIDRToRange", arguments -> {
            Errors.checkCount("IPv4CIDRToRange", arguments, 2, 2);
            DataType address = arguments.get(0).type();
            if (!(address instanceof Ipv4Type) && !(Types.isInteger(address) && Types.bits(address) <= 32 && !Types.isSigned(address))) {
                throw Errors.illegalArgument("IPv4CIDRToRange", 0, "an IPv4 address, not " + address.name());
            }
            return RowKernel.of(new TupleType(List.of(Ipv4Type.IPV4, Ipv4Type.IPV4)), values -> {
                long ip = ((Number) values[0]).longValue();
                long bits = Math.max(0, Math.min(32, ((Number) values[1]).longValue()));
                long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
                return List.of(ip & mask, (ip & mask) | (~mask & 0xFFFFFFFFL));
            });
        }));
        registry.add(ScalarFunction.of("UUIDStringToNum", arguments -> {
            requireString("UUIDStringToNum", arguments);
            return RowKernel.of(FIXED16, values -> {
                byte[] bytes = IpText.parseUuid(RowKernel.text(values[0]));
                if (bytes == null) {
                    throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Function [UUIDStringToNum] cannot read ["
                            + RowKernel.text(values[0]) + "] as a UUID; write it as 8-4-4-4-12 hex digits");
                }
                return bytes;
            });
        }));
        registry.add(ScalarFunction.of("UUIDNumToString", arguments -> {
            Errors.checkCount("UUIDNumToString", arguments, 1, 1);
            requireSixteenBytes("UUIDNumToString", arguments.get(0).type());
            return RowKernel.of(Types.STRING, values -> IpText.formatUuid(sixteen(values[0])));
        }));
        registry.add(ScalarFunction.of("toUUIDOrNull", arguments -> uuidParse("toUUIDOrNull", arguments, true)));
        registry.add(ScalarFunction.of("toUUIDOrZero", arguments -> uuidParse("toUUIDOrZero", arguments, false)));
    }

    private static void requireString(String name, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 1, 1);
        if (!Types.isString(arguments.get(0).type())) {
            throw Errors.illegalArgument(name, 0, "a String, not " + arguments.get(0).type().name());
        }
    }

    private static void requireIpv4Number(String name, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 1, 1);
        DataType type = arguments.get(0).type();
        if (!(type instanceof Ipv4Type) && !(Types.isInteger(type) && !Types.isSigned(type) && Types.bits(type) <= 32)) {
            throw Errors.illegalArgument(name, 0, "a UInt32 or IPv4, not " + type.name());
        }
    }

    private static void requireSixteenBytes(String name, DataType type) {
        if (!(type instanceof Ipv6Type) && !(type instanceof UuidType) && !type.equals(FIXED16) && !Types.isString(type)) {
            throw Errors.illegalArgument(name, 0, "a FixedString(16) or IPv6, not " + type.name());
        }
    }

    private static byte[] sixteen(Object value) {
        byte[] bytes = RowKernel.bytes(value);
        if (bytes.length != 16) {
            throw new StarlingException(ErrorCode.ILLEGAL_COLUMN, "Expected a 16-byte binary address, got " + bytes.length + " bytes");
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF;
    }

    private static void ipv4Parse(FunctionRegistry registry, String name, DataType result, OnError onError) {
        registry.add(ScalarFunction.of(name, arguments -> {
            requireString(name, arguments);
            return RowKernel.of(result, values -> {
                long value = IpText.parseIpv4(RowKernel.text(values[0]));
                if (value >= 0) {
                    return value;
                }
                return switch (onError) {
                    case NULL -> null;
                    case DEFAULT -> 0L;
                    case THROW -> throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Function [" + name
                            + "] cannot read [" + RowKernel.text(values[0]) + "] as an IPv4 address; use " + name
                            + "OrNull or " + name + "OrDefault to accept bad values");
                };
            });
        }));
    }

    private static void ipv6Parse(FunctionRegistry registry, String name, DataType result, OnError onError) {
        registry.add(ScalarFunction.of(name, arguments -> {
            requireString(name, arguments);
            return RowKernel.of(result, values -> {
                byte[] bytes = IpText.parseIpv6(RowKernel.text(values[0]));
                if (bytes != null) {
                    return bytes;
                }
                return switch (onError) {
                    case NULL -> null;
                    case DEFAULT -> new byte[16];
                    case THROW -> throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Function [" + name
                            + "] cannot read [" + RowKernel.text(values[0]) + "] as an IPv6 address; use " + name
                            + "OrNull or " + name + "OrDefault to accept bad values");
                };
            });
        }));
    }

    private static ScalarKernel uuidParse(String name, List<Argument> arguments, boolean nullable) {
        requireString(name, arguments);
        return RowKernel.of(nullable ? Types.makeNullable(UuidType.UUID) : UuidType.UUID, values -> {
            byte[] bytes = IpText.parseUuid(RowKernel.text(values[0]));
            return bytes != null ? bytes : nullable ? null : new byte[16];
        });
    }

    /** isIPAddressInRange('1.2.3.4', '1.2.0.0/16'): both IPv4 or both IPv6 (a mismatch is false). */
    private static boolean inRange(String address, String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Function [isIPAddressInRange]: [" + cidr
                    + "] is not a CIDR such as 10.0.0.0/8");
        }
        String network = cidr.substring(0, slash);
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        long v4 = IpText.parseIpv4(address);
        long net4 = IpText.parseIpv4(network);
        if (v4 >= 0 || net4 >= 0) {
            if (v4 < 0 || net4 < 0) {
                return false;
            }
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - Math.min(prefix, 32))) & 0xFFFFFFFFL;
            return (v4 & mask) == (net4 & mask);
        }
        byte[] a = IpText.parseIpv6(address);
        byte[] n = IpText.parseIpv6(network);
        if (a == null || n == null) {
            throw new StarlingException(ErrorCode.CANNOT_PARSE_TEXT, "Function [isIPAddressInRange] cannot read ["
                    + (a == null ? address : network) + "] as an IP address");
        }
        for (int bit = 0; bit < Math.min(prefix, 128); bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
