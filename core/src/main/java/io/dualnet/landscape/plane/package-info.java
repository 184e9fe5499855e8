/** Loss surfaces on a 2-D plane of parameter space (Li et al. 2018; Zhang, Shao, Salakhutdinov, Figures 1 and 4). */
package io.dualnet.landscape.plane;
