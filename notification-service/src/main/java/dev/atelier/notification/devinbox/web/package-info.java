/** The local dev inbox: what the embedded SMTP server received, readable in a browser. */
@NullMarked
package dev.atelier.notification.devinbox.web;

import org.jspecify.annotations.NullMarked;
