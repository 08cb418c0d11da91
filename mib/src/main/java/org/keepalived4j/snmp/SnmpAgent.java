package org.keepalived4j.snmp;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.ManagementApi;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.TransportMapping;
import org.snmp4j.agent.BaseAgent;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.mo.snmp.RowStatus;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.SnmpNotificationMIB;
import org.snmp4j.agent.mo.snmp.SnmpTargetMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.TransportDomains;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.cfg.EngineBootsCounterFile;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TcpAddress;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.transport.DefaultTcpTransportMapping;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.transport.TransportType;

/**
 * The standalone SNMP agent (snmp4j-agent): serves KEEPALIVED-MIB, VRRP-MIB, VRRPV3-MIB and KEEPALIVED4J-MIB from
 * management snapshots, v1/v2c communities and USM users with VACM views, notifications to the configured targets.
 * The engine ID and boot counter live in {@code snmp.boot_file}; snmp4j's own configuration is not persisted
 * (keepalived.conf and the settings file are the source of truth).
 */
public final class SnmpAgent extends BaseAgent {
    private static final Logger LOG = LogManager.getLogger();
    static final String RO = "ro";
    static final String RW = "rw";
    private static final String TRAP_SECURITY_NAME = "trap";
    private static final OctetString READ_VIEW = new OctetString("k4jRead");
    private static final OctetString WRITE_VIEW = new OctetString("k4jWrite");
    private static final OctetString NOTIFY_VIEW = new OctetString("k4jNotify");
    /** The served subtrees, also the write view. */
    static final List<String> SUBTREES = List.of(MibOids.KEEPALIVED, MibOids.VRRP_MIB, MibOids.VRRPV3_MIB, MibOids.K4J);

    static {
        Log4j2LogFactory.install();
        SecurityProtocols p = SecurityProtocols.getInstance();
        p.addDefaultProtocols();
        // snmp4j 3.x leaves SHA-1 out of the defaults; net-snmp's "-a SHA" needs it
        p.addAuthenticationProtocol(new AuthSHA());
        p.addAuthenticationProtocol(new AuthHMAC128SHA224());
        p.addAuthenticationProtocol(new AuthHMAC192SHA256());
        p.addAuthenticationProtocol(new AuthHMAC256SHA384());
        p.addAuthenticationProtocol(new AuthHMAC384SHA512());
        p.addPrivacyProtocol(new PrivAES128());
        p.addPrivacyProtocol(new PrivAES192());
        p.addPrivacyProtocol(new PrivAES256());
    }

    private final SnmpSettings settings;
    private final List<SnapshotSubtree> subtrees = new ArrayList<>();
    private final RequestProcessor requests;
    /** The socket notifications leave from (and inform acknowledgements return to); null without targets. */
    private TransportMapping<?> notificationTransport;

    private SnmpAgent(File bootFile, OctetString engineId, SnmpSettings settings, MibViewCache views,
                      ManagementApi api) {
        this(bootFile, new RequestProcessor(engineId), settings, views, api);
    }

    private SnmpAgent(File bootFile, RequestProcessor requests, SnmpSettings settings, MibViewCache views,
                      ManagementApi api) {
        super(bootFile, null, requests);
        this.requests = requests;
        this.settings = settings;
        for (String base : SUBTREES) {
            subtrees.add(new SnapshotSubtree(base, views, api));
        }
        setSysDescr(new OctetString("keepalived4j " + api.daemon().version()));
        setSysOID(new OID(MibOids.KEEPALIVED));
    }

    /**
     * Creates, binds and starts the agent; a port that cannot be bound (in use, no permission, bad address) fails
     * here with an IOException naming the address.
     */
    public static SnmpAgent start(SnmpSettings settings, MibViewCache views, ManagementApi api) throws IOException {
        Path boot = settings.bootFile().orElse(null);
        if (boot == null) {
            boot = Files.createTempFile("keepalived4j-snmp", ".bc");
            Files.delete(boot);
            boot.toFile().deleteOnExit();
            LOG.warn("snmp.boot_file is not set: the SNMP engine ID and boot counter will not survive a restart, "
                    + "so SNMPv3 managers must rediscover the engine");
        } else if (boot.getParent() != null) {
            Files.createDirectories(boot.getParent());
        }
        OctetString engineId = new EngineBootsCounterFile(boot.toFile())
                .getEngineId(new OctetString(MPv3.createLocalEngineID()));
        SnmpAgent agent = new SnmpAgent(boot.toFile(), engineId, settings, views, api);
        agent.init();
        agent.finishInit();
        agent.run();
        for (TransportMapping<?> t : agent.transportMappings) {
            if (!t.isListening()) {
                agent.stop();
                throw new IOException("SNMP agent is not listening on " + t.getListenAddress());
            }
        }
        LOG.info("SNMP agent listening on {} (engine ID {}, boots {}){}", agent.listenAddresses(),
                engineId.toHexString(), agent.getEngineBoots(),
                agent.notificationSource().map(a -> ", notifications from " + a).orElse(""));
        return agent;
    }

    public List<String> listenAddresses() {
        List<String> out = new ArrayList<>();
        for (TransportMapping<?> t : transportMappings) {
            if (t != notificationTransport) {
                out.add((t instanceof DefaultTcpTransportMapping ? "tcp:" : "udp:") + t.getListenAddress());
            }
        }
        return out;
    }

    /** Where notifications are sent from ("udp:ADDRESS/PORT"), empty without trap or inform targets. */
    public Optional<String> notificationSource() {
        return Optional.ofNullable(notificationTransport).map(t -> "udp:" + t.getListenAddress());
    }

    /** The engine boot counter in force (persisted in the boot file). */
    public int engineBoots() {
        return getEngineBoots();
    }

    public OctetString engineId() {
        return agent.getContextEngineID();
    }

    public void coldStart() {
        sendColdStartNotification();
    }

    @Override
    protected void initTransportMappings() throws IOException {
        InetAddress address = InetAddress.getByName(settings.address());
        List<TransportMapping<?>> list = new ArrayList<>();
        try {
            DefaultUdpTransportMapping udp = new DefaultUdpTransportMapping(new UdpAddress(address, settings.port())) {
                @Override
                public TransportType getSupportedTransportType() {
                    return TransportType.receiver; // requests only: notifications use their own socket
                }
            };
            // requests are handled on the listen thread before it reads the next datagram, so it may reuse one
            // receive buffer; with the default it allocates a new 64 KiB buffer per datagram, and a GETNEXT walk
            // kept the garbage collector busier than the agent itself
            udp.setAsyncMsgProcessingSupported(false);
            list.add(udp);
        } catch (IOException e) {
            throw new IOException("cannot bind SNMP agent to udp:" + settings.address() + "/" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        if (settings.tcp()) {
            try {
                list.add(new DefaultTcpTransportMapping(new TcpAddress(address, settings.port())));
            } catch (IOException e) {
                list.get(0).close();
                throw new IOException("cannot bind SNMP agent to tcp:" + settings.address() + "/" + settings.port()
                        + ": " + e.getMessage(), e);
            }
        }
        if (!settings.v2cTrapTargets().isEmpty() || !settings.v3InformTargets().isEmpty()) {
            try {
                notificationTransport = notificationTransport();
            } catch (IOException e) {
                for (TransportMapping<?> t : list) {
                    t.close();
                }
                throw e;
            }
            list.add(notificationTransport);
            requests.ignoreRequestsFrom(notificationTransport);
        }
        transportMappings = list.toArray(new TransportMapping<?>[0]);
    }

    /**
     * A socket of its own for notifications, bound to {@code snmp.trap.source} or to the wildcard address on an
     * ephemeral port, so the kernel picks the source by route: an agent listening on 127.0.0.1 still reaches a
     * trap receiver on another network (from the agent's socket the kernel would drop such packets).
     */
    private TransportMapping<?> notificationTransport() throws IOException {
        InetAddress source = settings.trapSource().orElse(null);
        if (source == null) {
            boolean ipv6 = false;
            for (String t : settings.v2cTrapTargets()) {
                ipv6 |= udp(t).getInetAddress() instanceof java.net.Inet6Address;
            }
            for (String t : settings.v3InformTargets()) {
                ipv6 |= udp(t).getInetAddress() instanceof java.net.Inet6Address;
            }
            // a socket on :: also sends to IPv4 targets (as IPv4-mapped addresses)
            source = InetAddress.getByName(ipv6 ? "::" : "0.0.0.0");
        }
        try {
            return new DefaultUdpTransportMapping(new UdpAddress(source, 0)) {
                @Override
                public TransportType getSupportedTransportType() {
                    return TransportType.sender;
                }
            };
        } catch (IOException e) {
            throw new IOException("cannot bind the SNMP notification socket to udp:" + source.getHostAddress()
                    + " (snmp.trap.source): " + e.getMessage(), e);
        }
    }

    /**
     * The command processor, deaf on the notification socket: that socket exists to send, and its wildcard address
     * must not become a second way into the agent next to {@code snmp.address}. Responses to our informs never
     * reach it (the session matches them to the pending inform first).
     */
    private static final class RequestProcessor extends CommandProcessor {
        private volatile TransportMapping<?> ignored;

        RequestProcessor(OctetString engineId) {
            super(engineId);
        }

        void ignoreRequestsFrom(TransportMapping<?> transport) {
            ignored = transport;
        }

        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
            if (event.getTransportMapping() != null && event.getTransportMapping() == ignored) {
                LOG.debug("SNMP request from {} on the notification socket ignored", event.getPeerAddress());
                event.setProcessed(true);
                return;
            }
            super.processPdu(event);
        }
    }

    @Override
    protected void registerManagedObjects() {
        for (SnapshotSubtree s : subtrees) {
            try {
                server.register(s, null);
            } catch (DuplicateRegistrationException e) {
                throw new IllegalStateException("SNMP subtree registered twice: " + s, e);
            }
        }
    }

    @Override
    protected void unregisterManagedObjects() {
        for (SnapshotSubtree s : subtrees) {
            server.unregister(s, null);
        }
    }

    @Override
    protected void addUsmUser(USM usm) {
        for (SnmpSettings.User u : settings.users()) {
            OID auth = switch (u.auth()) {
                case SHA -> AuthSHA.ID;
                case SHA224 -> AuthHMAC128SHA224.ID;
                case SHA256 -> AuthHMAC192SHA256.ID;
                case SHA384 -> AuthHMAC256SHA384.ID;
                case SHA512 -> AuthHMAC384SHA512.ID;
            };
            OID priv = u.priv().map(p -> switch (p) {
                case AES128 -> PrivAES128.ID;
                case AES192 -> PrivAES192.ID;
                case AES256 -> PrivAES256.ID;
            }).orElse(null);
            usm.addUser(new UsmUser(new OctetString(u.name()), auth, new OctetString(u.authPassword()), priv,
                    u.privPassword().map(OctetString::new).orElse(null)));
        }
    }

    @Override
    protected void addNotificationTargets(SnmpTargetMIB targetMIB, SnmpNotificationMIB notificationMIB) {
        targetMIB.addDefaultTDomains();
        int n = 0;
        if (!settings.v2cTrapTargets().isEmpty()) {
            targetMIB.addTargetParams(new OctetString("v2cTrap"), MessageProcessingModel.MPv2c,
                    SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString(trapSecurityName()),
                    SecurityLevel.NOAUTH_NOPRIV, StorageType.volatile_);
            for (String t : settings.v2cTrapTargets()) {
                UdpAddress a = udp(t);
                targetMIB.addTargetAddress(new OctetString("v2c" + (++n)), domain(a), new OctetString(a.getValue()), 200, 1, new OctetString("k4jTrap"),
                        new OctetString("v2cTrap"), StorageType.volatile_);
            }
            notificationMIB.addNotifyEntry(new OctetString("k4jTrap"), new OctetString("k4jTrap"),
                    SnmpNotificationMIB.SnmpNotifyTypeEnum.trap, StorageType.volatile_);
        }
        if (!settings.v3InformTargets().isEmpty()) {
            String user = settings.informUser().orElseThrow();
            boolean priv = settings.users().stream().filter(u -> u.name().equals(user))
                    .anyMatch(u -> u.priv().isPresent());
            targetMIB.addTargetParams(new OctetString("v3Inform"), MessageProcessingModel.MPv3,
                    SecurityModel.SECURITY_MODEL_USM, new OctetString(user),
                    priv ? SecurityLevel.AUTH_PRIV : SecurityLevel.AUTH_NOPRIV, StorageType.volatile_);
            for (String t : settings.v3InformTargets()) {
                UdpAddress a = udp(t);
                targetMIB.addTargetAddress(new OctetString("v3i" + (++n)), domain(a), new OctetString(a.getValue()), 500, 2, new OctetString("k4jInform"),
                        new OctetString("v3Inform"), StorageType.volatile_);
            }
            notificationMIB.addNotifyEntry(new OctetString("k4jInform"), new OctetString("k4jInform"),
                    SnmpNotificationMIB.SnmpNotifyTypeEnum.inform, StorageType.volatile_);
        }
    }

    private static OID domain(UdpAddress a) {
        return a.getInetAddress() instanceof java.net.Inet6Address ? TransportDomains.transportDomainUdpIpv6
                : TransportDomains.transportDomainUdpIpv4;
    }

    private static UdpAddress udp(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return new UdpAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IOException e) {
            throw new IllegalArgumentException("unknown trap target host: " + hostPort, e);
        }
    }

    private String trapSecurityName() {
        if (settings.readOnlyCommunity().filter(settings.trapCommunity()::equals).isPresent()) {
            return RO;
        }
        if (settings.readWriteCommunity().filter(settings.trapCommunity()::equals).isPresent()) {
            return RW;
        }
        return TRAP_SECURITY_NAME;
    }

    @Override
    protected void addViews(VacmMIB vacm) {
        for (String base : SUBTREES) {
            vacm.addViewTreeFamily(READ_VIEW, new OID(base), new OctetString(), VacmMIB.vacmViewIncluded,
                    StorageType.volatile_);
            vacm.addViewTreeFamily(WRITE_VIEW, new OID(base), new OctetString(), VacmMIB.vacmViewIncluded,
                    StorageType.volatile_);
        }
        // SNMPv2-MIB system and snmp groups are readable too; snmp4j's own configuration MIBs are not exposed
        vacm.addViewTreeFamily(READ_VIEW, new OID("1.3.6.1.2.1.1"), new OctetString(), VacmMIB.vacmViewIncluded,
                StorageType.volatile_);
        vacm.addViewTreeFamily(READ_VIEW, new OID("1.3.6.1.2.1.11"), new OctetString(), VacmMIB.vacmViewIncluded,
                StorageType.volatile_);
        vacm.addViewTreeFamily(NOTIFY_VIEW, new OID("1.3"), new OctetString(), VacmMIB.vacmViewIncluded,
                StorageType.volatile_);

        for (int model : new int[] {SecurityModel.SECURITY_MODEL_SNMPv1, SecurityModel.SECURITY_MODEL_SNMPv2c}) {
            vacm.addGroup(model, new OctetString(RO), new OctetString("communityRo"), StorageType.volatile_);
            vacm.addGroup(model, new OctetString(RW), new OctetString("communityRw"), StorageType.volatile_);
            vacm.addGroup(model, new OctetString(TRAP_SECURITY_NAME), new OctetString("trapOnly"),
                    StorageType.volatile_);
        }
        access(vacm, "communityRo", SecurityModel.SECURITY_MODEL_ANY, SecurityLevel.NOAUTH_NOPRIV, false);
        access(vacm, "communityRw", SecurityModel.SECURITY_MODEL_ANY, SecurityLevel.NOAUTH_NOPRIV, true);
        vacm.addAccess(new OctetString("trapOnly"), new OctetString(), SecurityModel.SECURITY_MODEL_ANY,
                SecurityLevel.NOAUTH_NOPRIV, MutableVACM.VACM_MATCH_EXACT, new OctetString(), new OctetString(),
                NOTIFY_VIEW, StorageType.volatile_);
        for (SnmpSettings.User u : settings.users()) {
            String group = "usm-" + (u.readWrite() ? "rw" : "ro") + (u.priv().isPresent() ? "-priv" : "-auth");
            vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(u.name()), new OctetString(group),
                    StorageType.volatile_);
            access(vacm, group, SecurityModel.SECURITY_MODEL_USM,
                    u.priv().isPresent() ? SecurityLevel.AUTH_PRIV : SecurityLevel.AUTH_NOPRIV, u.readWrite());
        }
    }

    private static void access(VacmMIB vacm, String group, int model, int level, boolean write) {
        vacm.addAccess(new OctetString(group), new OctetString(), model, level, MutableVACM.VACM_MATCH_EXACT,
                READ_VIEW, write ? WRITE_VIEW : new OctetString(), NOTIFY_VIEW, StorageType.volatile_);
    }

    @Override
    protected void addCommunities(SnmpCommunityMIB communityMIB) {
        settings.readOnlyCommunity().ifPresent(c -> community(communityMIB, "ro", c, RO));
        settings.readWriteCommunity().ifPresent(c -> community(communityMIB, "rw", c, RW));
        if (TRAP_SECURITY_NAME.equals(trapSecurityName()) && !settings.v2cTrapTargets().isEmpty()) {
            community(communityMIB, "trap", settings.trapCommunity(), TRAP_SECURITY_NAME);
        }
    }

    private void community(SnmpCommunityMIB mib, String row, String community, String securityName) {
        Variable[] values = {
            new OctetString(community), new OctetString(securityName), agent.getContextEngineID(),
            new OctetString(), new OctetString(), new Integer32(StorageType.volatile_),
            new Integer32(RowStatus.active)
        };
        mib.getSnmpCommunityEntry().addRow(
                mib.getSnmpCommunityEntry().createRow(new OctetString(row).toSubIndex(true), values));
    }
}
