/**
 * The JJava kernel extension: {@link org.learnparallel.jjava.NotebookExtension} adds this
 * library's imports to every notebook and draws a {@code Chartable} that ends a cell. The kernel
 * loads it by itself when the library's jar is on its classpath; nobody calls it.
 */
package org.learnparallel.jjava;
