package io.dualnet.experiment;

import io.dualnet.data.LabeledData;
import io.dualnet.data.Metrics;
import io.dualnet.data.PlantedRelu;
import io.dualnet.data.TrainTestSplit;
import io.dualnet.loss.Loss;
import io.dualnet.net.TwoLayerReluNetwork;
import io.dualnet.net.TwoLayerReluProblem;

/**
 * The data of a cell of the {@code relu2} grids ({@link Relu2TinyExperiment}, {@link Relu2ScaleExperiment},
 * {@link Relu2WeakExperiment}): either Fashion-MNIST T-shirt/top (label -1) against shirt (+1), the first
 * {@code samples} training images of the pair standardised with their own statistics and tested on the pair's 2000
 * t10k images (standardised with the same statistics), or a planted ReLU teacher ({@value #TEACHER_NEURONS} neurons,
 * noise {@value #TEACHER_NOISE}) without a test set. Each cell function loads its data here, so that the three grids
 * read the same data for the same cell parameters.
 *
 * @param train the training data
 * @param test the test data, {@code null} for the teacher
 */
public record Relu2Data(LabeledData train, LabeledData test) {
    /** Neurons of the planted teacher. */
    public static final int TEACHER_NEURONS = 3;
    /** Noise level of the planted teacher's targets. */
    public static final double TEACHER_NOISE = 0.1;

    /**
     * The data of a cell.
     *
     * @param fashion Fashion-MNIST (else the planted teacher)
     * @param samples training samples ({@code 0} with Fashion-MNIST: every training image of the pair)
     * @param dimension the teacher's input dimension (ignored for Fashion-MNIST)
     * @param classification teacher labels {@code +-1} (else real targets; Fashion-MNIST labels are always
     *     {@code +-1})
     * @param seed the teacher's seed (Fashion-MNIST takes the images in file order)
     */
    public static Relu2Data of(boolean fashion, int samples, int dimension, boolean classification, long seed) {
        if (!fashion) {
            return new Relu2Data(PlantedRelu.generate(samples, dimension, TEACHER_NEURONS, TEACHER_NOISE,
                    classification, seed), null);
        }
        TrainTestSplit pair = TrainTestSplit.fashionPair(samples);
        return new Relu2Data(pair.train(), pair.test());
    }

    /** The two-layer ReLU problem on the training data. */
    public TwoLayerReluProblem problem(Loss loss, double beta, boolean bias) {
        return new TwoLayerReluProblem(train.x(), train.y(), loss, beta, bias);
    }

    /** Test accuracy of {@code network} (sign against the {@code +-1} labels); NaN without test data. */
    public double testAccuracy(TwoLayerReluNetwork network) {
        return test == null ? Double.NaN : Metrics.accuracy(network.predict(test.x()), test.y());
    }
}
