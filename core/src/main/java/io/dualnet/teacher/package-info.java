/**
 * Synthetic teacher-student problems (a planted one-hidden-layer ReLU teacher) and the fast mini-batch SGD kernel
 * that trains many small students on them: Zhang et al.'s Table 1 (frequency of hitting the global minimum).
 */
package io.dualnet.teacher;
