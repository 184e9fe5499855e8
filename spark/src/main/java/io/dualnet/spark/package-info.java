/** Apache Spark engine for the experiment grids of {@code io.dualnet.experiment}: {@code --spark MASTER}. */
package io.dualnet.spark;
