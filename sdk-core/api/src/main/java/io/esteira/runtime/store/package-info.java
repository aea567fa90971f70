/**
 * The run-scoped store through which steps hand data to each other (docs/step-data.md): the {@link
 * io.esteira.runtime.store.RunStore} the step launcher uses, and the {@link
 * io.esteira.runtime.store.RunStoreProvider} service through which a store module plugs in.
 */
package io.esteira.runtime.store;
