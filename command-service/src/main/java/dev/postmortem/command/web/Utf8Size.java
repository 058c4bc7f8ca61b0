package dev.postmortem.command.web;

import dev.postmortem.command.domain.Utf8;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text's size as storage sees it: at most {@link #max()} bytes in UTF-8. {@code @Size} counts UTF-16 characters,
 * and one character may take up to three bytes (an emoji, two characters, four), so a character cap alone does not
 * bound what the event store, the views and the index hold. {@code null} is valid (leave that to {@code @NotNull}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Utf8Size.Validator.class)
public @interface Utf8Size {

    int max();

    String message() default "must be at most {max} bytes in UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Utf8Size, CharSequence> {

        private int max;

        @Override
        public void initialize(Utf8Size annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || Utf8.length(value) <= max;
        }
    }
}
