package org.spindle.cli.sizing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spindle.protocol.sizing.ExactTails;
import org.spindle.protocol.sizing.Tails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spindle sizing tail}: P[X ≥ t] for a hypergeometric or binomial X. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Upper tail P[X >= t]: hypergeometric (--population, --marked, --sample) or binomial (--binomial p, --sample n).")
final class TailCommand extends SizingSubcommand {
    /** Exact arithmetic is offered up to this population; beyond it the big sums get slow. */
    static final int EXACT_LIMIT = 20_000;

    @Option(names = "--population", description = "Population size N (hypergeometric).")
    Long population;

    @Option(names = "--marked", description = "Marked (e.g. adversarial) members M of the population.")
    Long marked;

    @Option(names = "--sample", required = true, description = "Sample size k (hypergeometric) or trials n (binomial).")
    long sample;

    @Option(names = "--at-least", required = true, description = "Threshold t: the tail is P[X >= t].")
    long atLeast;

    @Option(names = "--binomial", paramLabel = "p", description = "Use X ~ Binomial(sample, p) instead.")
    Double binomial;

    @Option(names = "--exact", description = "Also compute the tail in exact rational arithmetic (slow for big inputs).")
    boolean exact;

    @Override
    void run() {
        requireAtLeast("--sample", sample, 0);
        requireAtLeast("--at-least", atLeast, 0);
        Map<String, Object> fields = new LinkedHashMap<>();
        double tail;
        BigDecimal exactTail = null;
        if (binomial != null) {
            if (population != null || marked != null) {
                throw usage("--binomial cannot be combined with --population or --marked");
            }
            requireFraction("--binomial", binomial);
            tail = Tails.binomialUpperTail(sample, binomial, atLeast);
            fields.put("distribution", "binomial");
            fields.put("trials", sample);
            fields.put("p", binomial);
            if (exact) {
                requireExactSize(sample);
                exactTail = ExactTails.binomialUpperTail((int) sample, BigDecimal.valueOf(binomial), (int) Math.min(atLeast, sample + 1));
            }
        } else {
            requireGiven("--population (or --binomial p)", population);
            requireGiven("--marked", marked);
            requireAtLeast("--population", population, 1);
            requireAtLeast("--marked", marked, 0);
            if (marked > population) {
                throw usage("--marked (" + marked + ") must not exceed --population (" + population + ")");
            }
            if (sample > population) {
                throw usage("--sample (" + sample + ") must not exceed --population (" + population + ")");
            }
            tail = Tails.hypergeometricUpperTail(population, marked, sample, atLeast);
            fields.put("distribution", "hypergeometric");
            fields.put("population", population);
            fields.put("marked", marked);
            fields.put("sample", sample);
            if (exact) {
                requireExactSize(population);
                exactTail = ExactTails.hypergeometricUpperTail(population.intValue(), marked.intValue(), (int) sample,
                        (int) Math.min(atLeast, sample + 1));
            }
        }
        fields.put("atLeast", atLeast);
        fields.put("probability", tail);
        fields.put("log10Probability", Math.log10(tail));
        if (exactTail != null) {
            fields.put("exactProbability", exactTail.round(new java.math.MathContext(20)).toString());
        }
        if (json) {
            printJson(fields);
        } else {
            printFields("P[X >= " + atLeast + "]", fields);
        }
    }

    private void requireExactSize(long n) {
        if (n > EXACT_LIMIT) {
            throw usage("--exact is limited to populations and trials of at most " + EXACT_LIMIT + ", got " + n);
        }
    }
}
