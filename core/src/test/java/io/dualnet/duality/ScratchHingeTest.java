package io.dualnet.duality;
import io.dualnet.data.ClassificationInstances;
import io.dualnet.net.*;
import io.dualnet.reg.BranchRegularizer;
import org.junit.jupiter.api.Test;
import java.util.*;
class ScratchHingeTest {
  @Test void run() {
    var d = ClassificationInstances.threshold1d(16);
    for (double K : new double[]{3.0, 6.0, 9.0}) {
      var prob = new MultibranchGapProblem(d.x(), d.y(), 1.0, K, List.of(BranchArchitecture.parse("b", "1-1-1-1:tanh")), 2.0, BranchRegularizer.L2_SQUARED);
      long t0=System.nanoTime();
      var gap = ShapleyFolkmanGap.of(prob, ShapleyFolkmanGap.Options.defaults().withResolution(15).withThreads(2).withKeepOutputs(true).withDivergence(false));
      var hb = new HingeGapBounds(gap);
      var rel = hb.relaxation(1);
      System.out.printf("K=%s Pinf=%.12f lower=%.12f rounds=%d conv=%s support=%d t=%.2fs lin D=%.10f%n", K, rel.value(), rel.lowerBound(), rel.rounds(), rel.converged(), rel.support().size(), (System.nanoTime()-t0)*1e-9, gap.at(1).dual());
      for (int i : new int[]{1,2,3,10,100,1000,100000}) {
        var b = hb.at(i);
        System.out.printf("  I=%d upper=%.10f lower=%.10f gapUpper=%.3e exactP=%.6f exactD=%.6f%n", i, b.upper(), b.lower(), b.gapUpper(), b.exactPrimal(), b.exactDual());
      }
    }
  }
}
