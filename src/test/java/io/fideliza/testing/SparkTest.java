package io.fideliza.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class that uses the suite's shared local SparkSession ({@link SparkExtension}): ask for a SparkSession. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SparkExtension.class)
public @interface SparkTest {
}
