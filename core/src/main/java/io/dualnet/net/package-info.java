/** Networks and their training problems as immutable values: weights, predictions and objectives. */
package io.dualnet.net;
