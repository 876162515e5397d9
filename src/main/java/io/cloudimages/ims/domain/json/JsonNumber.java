package io.cloudimages.ims.domain.json;

import java.math.BigInteger;

/**
 * A JSON number kept as the literal text it was sent as, so that the attribute rules can tell an integer
 * literal ({@code 5}) from other spellings of the same value ({@code 5.0}, {@code 5e0}) and never lose digits.
 */
public record JsonNumber(String text) {

    /** True for a literal without fraction or exponent: what this function calls a JSON integer. */
    public boolean isIntegerLiteral() {
        return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    /** The integer value of an integer literal; call only when {@link #isIntegerLiteral()} holds. */
    public BigInteger integerValue() {
        return new BigInteger(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
