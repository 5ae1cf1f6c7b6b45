/** Logic shared by the fan-in sources: reconnecting with backoff until cancelled. */
package io.tributary.fanin.support;
