package io.dualnet.vgg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

import java.util.SplittableRandom;

/**
 * PyTorch's default initialization of convolution and linear layers, drawn from a Java seed: weights of shape
 * {@code (out, in/groups, k, k)} uniform on {@code +-1/sqrt(fan_in)} with {@code fan_in = (in/groups) k k}
 * (kaiming_uniform with a = sqrt(5)); a bias vector uniform on {@code +-1/sqrt(biasFanIn)}. Values come from one
 * {@link SplittableRandom} stream in parameter order, so a network is a function of its seed alone (the engine's
 * global random state is never used).
 */
final class FanInUniform implements Initializer {
    private final SplittableRandom random;
    private final long biasFanIn;

    FanInUniform(long seed, long biasFanIn) {
        this.random = new SplittableRandom(seed);
        this.biasFanIn = biasFanIn;
    }

    @Override
    public synchronized NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long size = shape.size();
        long fanIn = shape.dimension() > 1 ? size / shape.get(0) : biasFanIn;
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] values = new float[Math.toIntExact(size)];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
