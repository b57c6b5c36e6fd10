package org.spindle.sim.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks that bytes are a real PNG image and reads its size. */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {}

    /** Asserts the PNG signature, a size no blank image has, and returns the decoded image. */
    public static BufferedImage check(byte[] bytes) throws IOException {
        assertThat(Arrays.copyOf(bytes, SIGNATURE.length)).as("PNG signature").isEqualTo(SIGNATURE);
        assertThat(bytes.length).as("bytes of a drawn chart").isGreaterThan(5_000);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(img).as("ImageIO decodes it").isNotNull();
        return img;
    }

    public static BufferedImage check(Path file) throws IOException {
        assertThat(file).isRegularFile();
        return check(Files.readAllBytes(file));
    }
}
