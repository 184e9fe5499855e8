/** Deep ReLU networks in closed form: rank-one, whitened and one-dimensional data (Ergen and Pilanci; Wang, Ergen and Pilanci). */
package io.dualnet.deeprelu;
