package dev.atelier.web.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads a token's {@code roles} as {@code ROLE_x} and its {@code amr} as {@code AMR_x} authorities. */
final class TokenAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    static final String SECOND_FACTOR = "AMR_otp";

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        add(authorities, jwt.getClaimAsStringList("roles"), "ROLE_");
        add(authorities, jwt.getClaimAsStringList("amr"), "AMR_");
        return authorities;
    }

    private static void add(List<GrantedAuthority> authorities, List<String> values, String prefix) {
        if (values != null) {
            values.forEach(value -> authorities.add(new SimpleGrantedAuthority(prefix + value)));
        }
    }
}
