/** Logic shared by the broker implementations: calling user callbacks safely, in order. */
package io.tributary.broker.support;
