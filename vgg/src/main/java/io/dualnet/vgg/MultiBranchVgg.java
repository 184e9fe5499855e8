package io.dualnet.vgg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The DJL block of a {@link VggArchitecture}: I separate VGG-9 branches in a {@link ParallelBlock} on the same
 * input, whose {@code (N, 10)} logits are averaged.
 *
 * <p>(All branches can also be written as one network of grouped convolutions with {@code groups = I}; on the CPU
 * both PyTorch and DJL run that form 2-3 times slower than I separate convolutions, measured in
 * docs/benchmarks.md, so the branches are kept separate as in the authors' script.)
 */
public final class MultiBranchVgg {
    /** Batch-norm epsilon (PyTorch's default). */
    public static final float BN_EPSILON = 1e-5f;
    /** Batch-norm running-average momentum in DJL's convention (PyTorch's default momentum 0.1). */
    public static final float BN_MOMENTUM = 0.9f;

    private MultiBranchVgg() {
    }

    /**
     * Builds and initializes the network: weights and the last bias from {@code seed} with PyTorch's default
     * initialization (uniform on +-1/sqrt(fan_in)), batch-norm scale 1 and shift 0.
     */
    public static Block build(VggArchitecture a, NDManager manager, long seed) {
        Block block = block(a);
        FanInUniform init = new FanInUniform(seed, 4L * a.width());
        block.setInitializer(init, Parameter.Type.WEIGHT);
        block.setInitializer(init, Parameter.Type.BIAS);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, a.channels(), VggArchitecture.SIDE,
                VggArchitecture.SIDE));
        return block;
    }

    /** The uninitialized block. */
    public static Block block(VggArchitecture a) {
        List<Block> branches = new ArrayList<>();
        for (int k = 0; k < a.branches(); k++) {
            branches.add(branch(a.width()));
        }
        int count = a.branches();
        return new ParallelBlock(outputs -> new NDList(average(outputs, count)), branches);
    }

    /** One VGG-9 branch of width {@code w} (Table 2): {@code (N, c, 32, 32)} to logits {@code (N, 10)}. */
    static SequentialBlock branch(int w) {
        SequentialBlock net = new SequentialBlock();
        conv(net, w);
        conv(net, w);
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        conv(net, 2 * w);
        conv(net, 2 * w);
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        conv(net, 4 * w);
        conv(net, 4 * w);
        conv(net, 4 * w);
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(4L * w).optBias(false).build());
        net.add(batchNorm());
        net.add(Activation.reluBlock());
        net.add(Linear.builder().setUnits(VggArchitecture.CLASSES).optBias(true).build());
        return net;
    }

    /** The mean of the branches' logits {@code (N, 10)}: the network's output (1/I) sum_i f_i(x). */
    static NDArray average(List<NDList> outputs, int branches) {
        if (outputs.size() != branches) {
            throw new IllegalStateException(outputs.size() + " branch outputs for " + branches + " branches");
        }
        if (branches == 1) {
            return outputs.get(0).singletonOrThrow();
        }
        NDList all = new NDList(branches);
        for (NDList o : outputs) {
            all.add(o.singletonOrThrow());
        }
        return NDArrays.stack(all).mean(new int[] {0});
    }

    private static void conv(SequentialBlock net, int filters) {
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                .optBias(false).build());
        net.add(batchNorm());
        net.add(Activation.reluBlock());
    }

    private static Block batchNorm() {
        return BatchNorm.builder().optAxis(1).optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }
}
