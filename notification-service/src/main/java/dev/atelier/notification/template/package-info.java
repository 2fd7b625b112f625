/** Thymeleaf HTML and plain-text templates, branded by configuration. */
@NullMarked
package dev.atelier.notification.template;

import org.jspecify.annotations.NullMarked;
