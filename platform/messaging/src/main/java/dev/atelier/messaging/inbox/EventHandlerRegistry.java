package dev.atelier.messaging.inbox;

import dev.atelier.events.DomainEvent;
import dev.atelier.events.EventCatalog;
import dev.atelier.events.EventType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link EventHandler} methods of the application's beans and answers which handlers apply an event
 * type and which topics the service must subscribe to.
 */
class EventHandlerRegistry implements BeanPostProcessor {

    private final Supplier<EventCatalog> catalogSupplier;
    private final Map<EventType, List<Handler>> handlers = new LinkedHashMap<>();
    private final Set<EventType> ignored = new HashSet<>();
    private volatile @Nullable EventCatalog catalog;

    /** The catalog is looked up on first use, so that this post-processor does not create it too early. */
    EventHandlerRegistry(Supplier<EventCatalog> catalog) {
        this.catalogSupplier = catalog;
    }

    private EventCatalog catalog() {
        EventCatalog resolved = catalog;
        if (resolved == null) {
            resolved = catalogSupplier.get();
            catalog = resolved;
        }
        return resolved;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, EventHandler> annotated = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<EventHandler>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, EventHandler.class));
        for (Method method : annotated.keySet()) {
            register(bean, beanName, method);
        }
        IgnoredEvents ignore = AnnotatedElementUtils.findMergedAnnotation(targetClass, IgnoredEvents.class);
        if (ignore != null) {
            for (Class<? extends DomainEvent> type : ignore.value()) {
                synchronized (this) {
                    ignored.add(catalog().typeOf(type));
                }
            }
        }
        return bean;
    }

    @SuppressWarnings("unchecked")
    private void register(Object bean, String beanName, Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean withMetadata = parameters.length == 2 && parameters[1] == EventMetadata.class;
        if (parameters.length < 1 || parameters.length > 2 || (parameters.length == 2 && !withMetadata)
                || !DomainEvent.class.isAssignableFrom(parameters[0])) {
            throw new IllegalStateException("@EventHandler " + beanName + "." + method.getName()
                    + " must take an event contract, optionally followed by EventMetadata");
        }
        EventType type = catalog().typeOf((Class<? extends DomainEvent>) parameters[0]);
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        invocable.setAccessible(true);
        synchronized (this) {
            handlers.computeIfAbsent(type, t -> new ArrayList<>())
                    .add(new Handler(beanName + "." + method.getName(), bean, invocable, withMetadata));
        }
    }

    synchronized List<Handler> handlersFor(EventType type) {
        return List.copyOf(handlers.getOrDefault(type, List.of()));
    }

    synchronized boolean isIgnored(EventType type) {
        return ignored.contains(type);
    }

    /** The topics of the handled events, sorted. */
    synchronized Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        handlers.keySet().forEach(t -> topics.add(t.topic()));
        return topics;
    }

    /** One handler method of one bean. */
    record Handler(String name, Object bean, Method method, boolean withMetadata) {

        void invoke(DomainEvent event, EventMetadata metadata) {
            try {
                if (withMetadata) {
                    method.invoke(bean, event, metadata);
                } else {
                    method.invoke(bean, event);
                }
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(name + " failed", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(name + " is not accessible", e);
            }
        }
    }
}
