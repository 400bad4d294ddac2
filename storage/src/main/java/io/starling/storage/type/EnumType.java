package io.starling.storage.type;

import java.util.List;

/**
 * Enum8 / Enum16: named integer codes. Values are held as the code in a LongColumn and printed as the name.
 * Members keep their declaration order; {@link #name()} lists them as ClickHouse does.
 */
public record EnumType(int bits, List<Member> members) implements DataType {
    /** One {@code 'name' = value} pair. */
    public record Member(String name, int value) {
    }

    public EnumType {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("Enum width [" + bits + "] is not 8 or 16");
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("Enum" + bits + " needs at least one member");
        }
        int min = bits == 8 ? Byte.MIN_VALUE : Short.MIN_VALUE;
        int max = bits == 8 ? Byte.MAX_VALUE : Short.MAX_VALUE;
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (member.value() < min || member.value() > max) {
                throw new IllegalArgumentException("Enum" + bits + " value [" + member.value() + "] of ["
                        + member.name() + "] is outside " + min + ".." + max);
            }
            for (int j = 0; j < i; j++) {
                if (members.get(j).name().equals(member.name()) || members.get(j).value() == member.value()) {
                    throw new IllegalArgumentException("Enum" + bits + " member [" + member.name() + " = "
                            + member.value() + "] repeats a name or value; each must be unique");
                }
            }
        }
    }

    @Override
    public String name() {
        StringBuilder out = new StringBuilder("Enum").append(bits).append('(');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('\'');
            String name = members.get(i).name();
            for (int j = 0; j < name.length(); j++) {
                char c = name.charAt(j);
                if (c == '\'' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append("' = ").append(members.get(i).value());
        }
        return out.append(')').toString();
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.LONG;
    }

    /** The name of code {@code value}, or null when no member has it. */
    public String nameOf(long value) {
        for (Member member : members) {
            if (member.value() == value) {
                return member.name();
            }
        }
        return null;
    }

    /** Index of the member called {@code name}, or -1. */
    public int indexOf(CharSequence name) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().contentEquals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** True when some member has code {@code value}. */
    public boolean hasValue(long value) {
        return nameOf(value) != null;
    }

    /** The code of the first member: the default value. */
    public int defaultValue() {
        return members.get(0).value();
    }
}
