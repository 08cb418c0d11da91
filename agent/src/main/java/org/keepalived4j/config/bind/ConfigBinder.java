package org.keepalived4j.config.bind;

import java.util.List;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.syntax.ConfigNode;

/**
 * Turns the statement tree into the typed model. The top level is one grammar to which each domain
 * binder adds its blocks; each binder then builds its part and validates it.
 */
public final class ConfigBinder {
    /** Builder for the top level: each domain binder collects its own blocks. */
    public static final class TopLevel {
        final GlobalDefsBinder global = new GlobalDefsBinder();
        final VrrpBinder vrrp = new VrrpBinder();
        final LvsBinder lvs = new LvsBinder();
    }

    private ConfigBinder() {}

    public static BlockGrammar<TopLevel> topLevelGrammar() {
        BlockGrammar<TopLevel> top = new BlockGrammar<>("the top level");
        GlobalDefsBinder.register(top);
        VrrpBinder.register(top);
        LvsBinder.register(top);
        return top;
    }

    public static KeepalivedConfig bind(List<ConfigNode> statements, BindContext ctx) {
        TopLevel top = new TopLevel();
        topLevelGrammar().bind(statements, top, ctx);
        GlobalDefs global = top.global.build(ctx);
        // One check over every script of the file, VRRP and LVS alike, as keepalived reports one SECURITY VIOLATION.
        ScriptSecurityCheck scripts = new ScriptSecurityCheck(global, ctx.host());
        KeepalivedConfig config = new KeepalivedConfig(global, top.vrrp.build(global, scripts, ctx), top.lvs.build(global, scripts, ctx));
        scripts.run(ctx.diagnostics());
        return config;
    }
}
