package io.dualnet.vgg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.dualnet.data.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * SGD with Nesterov momentum and coupled weight decay, exactly PyTorch's {@code torch.optim.SGD(nesterov=True)}:
 * {@code g = grad + wd w; b = mu b + g; w -= lr (g + mu b)} (b starts at 0, so its first value is g). Weight decay
 * applies to every trainable parameter, as {@code SGD(model.parameters(), weight_decay=...)} does; the authors'
 * script parses {@code --weight_decay} but never passes it, which this optimizer does not copy.
 * Gradients are consumed and reset to zero by {@link #step(double)}.
 */
public final class NesterovSgd {
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> buffers = new ArrayList<>();
    private final double momentum;
    private final double weightDecay;
    private final NDManager manager;

    /**
     * @param parameters the trainable parameters (gradients are attached here)
     * @param momentum mu in [0, 1)
     * @param weightDecay wd >= 0
     * @param manager manager owning the momentum buffers
     */
    public NesterovSgd(List<Parameter> parameters, double momentum, double weightDecay, NDManager manager) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidInputException("--momentum", momentum, "a number in [0, 1)");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new InvalidInputException("--weight-decay", weightDecay, "a non-negative number");
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.manager = manager;
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            w.setRequiresGradient(true);
            weights.add(w);
            buffers.add(manager.zeros(w.getShape(), w.getDataType()));
        }
    }

    /** One update with learning rate {@code lr} from the gradients of the last backward pass; zeroes them. */
    public void step(double lr) {
        float mu = (float) momentum;
        try (NDManager tmp = manager.newSubManager()) {
            for (int k = 0; k < weights.size(); k++) {
                NDArray param = weights.get(k);
                NDArray b = buffers.get(k);
                NDArray g = param.getGradient();
                g.attach(tmp);
                // a detached view of the weights shares their storage: updated in place, outside autograd whatever
                // the calling thread's grad mode is
                NDArray w = param.stopGradient();
                w.attach(tmp);
                NDArray d = g.duplicate();
                d.attach(tmp);
                if (weightDecay > 0) {
                    NDArray decay = w.mul((float) weightDecay);
                    decay.attach(tmp);
                    d.addi(decay);
                }
                b.muli(mu).addi(d);
                NDArray look = b.mul(mu);
                look.attach(tmp);
                d.addi(look);
                w.subi(d.muli((float) lr));
                g.subi(g);
            }
        }
    }
}
