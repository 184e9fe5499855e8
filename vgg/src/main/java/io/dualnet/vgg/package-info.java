/** Zhang et al. Appendix A.1: multi-branch VGG-9 (Table 2) trained with DJL's PyTorch engine on the CPU.
 * Optional module: the library and the default command line never load it. */
package io.dualnet.vgg;
