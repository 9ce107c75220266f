// SPDX-License-Identifier: GPL-2.0
/*
 * normal-nc-mmio: may PCI memory space below a host bridge be mapped
 * Normal-NC (write-combining)?
 *
 * Firmware says so with the "normal-nc-mmio" property ("safe" or "unsafe")
 * on the host bridge's firmware node or on any ancestor of it (a DT node or
 * an ACPI _DSD device property; both are read through the fwnode API). The
 * verdict is decided once, when the host bridge is registered, by the rules
 * in normal_nc_mmio_rules.c (shared with the ncpolicy tool), and cached in
 * the host bridge: arch_can_pci_mmap_wc() and its users only read it.
 *
 * See Documentation/PCI/normal-nc-mmio.rst.
 */

#define pr_fmt(fmt) "PCI: " fmt

#include <linux/device.h>
#include <linux/init.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/arm-smccc.h>

#include <kunit/visibility.h>

#include "pci.h"
#include "normal_nc_mmio.h"

/* The last normal_nc_mmio= on the command line, as parsed. */
static enum nc_mmio_value nc_mmio_param __ro_after_init = NC_MMIO_VALUE_ABSENT;

static int __init nc_mmio_param_setup(char *val)
{
	nc_mmio_param = nc_mmio_parse_param(val);
	return 0;
}
early_param(NC_MMIO_PARAM, nc_mmio_param_setup);

/* The quirk that matches this SoC by its SMCCC SoC ID, or NULL. */
static const struct nc_mmio_quirk *nc_mmio_soc_quirk __ro_after_init;

/*
 * Firmware's SoC ID is read at setup_arch() time (PSCI/SMCCC probe); look
 * it up once, before any host bridge can register. Without SMCCC
 * discovery there is no SoC ID, as with SMCCC_RET_NOT_SUPPORTED.
 */
static int __init nc_mmio_soc_id_init(void)
{
	struct nc_mmio_soc_id soc = {
		.version = SMCCC_RET_NOT_SUPPORTED,
		.revision = SMCCC_RET_NOT_SUPPORTED,
	};

	if (IS_ENABLED(CONFIG_HAVE_ARM_SMCCC_DISCOVERY)) {
		soc.version = arm_smccc_get_soc_id_version();
		soc.revision = arm_smccc_get_soc_id_revision();
	}
	nc_mmio_soc_quirk = nc_mmio_quirk_by_soc_id(&soc);
	return 0;
}
core_initcall(nc_mmio_soc_id_init);

/* Warn about an invalid normal_nc_mmio= once, before the first bridge. */
static void nc_mmio_param_warn_once(void)
{
	if (nc_mmio_param == NC_MMIO_VALUE_INVALID)
		pr_warn_once("%s=: invalid value (want safe, unsafe or firmware); every host bridge resolves to unsafe\n",
			     NC_MMIO_PARAM);
}

/**
 * pci_nc_mmio_read() - read normal-nc-mmio from one firmware node
 * @fwnode: a DT node or an ACPI device node
 *
 * Valid is exactly one string, "safe" or "unsafe": a single-string property
 * holds exactly that string and its NUL, the form the shared parser checks.
 * Anything else that is present (wrong type, empty, a list, unterminated) is
 * invalid.
 *
 * Return: what the node says.
 */
VISIBLE_IF_KUNIT enum nc_mmio_value
pci_nc_mmio_read(const struct fwnode_handle *fwnode)
{
	const char *s;

	if (!fwnode_property_present(fwnode, NC_MMIO_PROP))
		return NC_MMIO_VALUE_ABSENT;
	if (fwnode_property_string_array_count(fwnode, NC_MMIO_PROP) != 1 ||
	    fwnode_property_read_string(fwnode, NC_MMIO_PROP, &s))
		return NC_MMIO_VALUE_INVALID;
	return nc_mmio_parse_value(s, strlen(s) + 1);
}
EXPORT_SYMBOL_IF_KUNIT(pci_nc_mmio_read);

/* The first quirk matching a "compatible" string of @fwnode, in *@q. */
static int nc_mmio_quirk_compatible(const struct fwnode_handle *fwnode,
				    const struct nc_mmio_quirk *(*match)(const char *),
				    const struct nc_mmio_quirk **q)
{
	const char **compat;
	int i, n;

	*q = NULL;
	n = fwnode_property_string_array_count(fwnode, "compatible");
	if (n <= 0)
		return 0;
	compat = kcalloc(n, sizeof(*compat), GFP_KERNEL);
	if (!compat)
		return -ENOMEM;
	n = fwnode_property_read_string_array(fwnode, "compatible", compat, n);
	for (i = 0; i < n && !*q; i++)
		*q = match(compat[i]);
	kfree(compat);
	return 0;
}

static const struct nc_mmio_quirk *nc_mmio_quirk_pci_compatible(const char *c)
{
	u16 vendor, device;

	if (!nc_mmio_parse_pci_compatible(c, &vendor, &device))
		return NULL;
	return nc_mmio_quirk_by_pci_id(vendor, device);
}

/* A quirk matching a firmware node of a PCI device below the bridge. */
static int nc_mmio_quirk_below(const struct fwnode_handle *fwnode,
			       const struct nc_mmio_quirk **q)
{
	struct fwnode_handle *child;
	int err = 0;

	*q = NULL;
	fwnode_for_each_available_child_node(fwnode, child) {
		err = nc_mmio_quirk_compatible(child,
					       nc_mmio_quirk_pci_compatible, q);
		if (!err && !*q)
			err = nc_mmio_quirk_below(child, q);
		if (err || *q) {
			fwnode_handle_put(child);
			break;
		}
	}
	return err;
}

/* "firmware:PATH": the DT path ("/" for the root) or the ACPI path. */
static char *nc_mmio_fw_path(const struct fwnode_handle *fwnode)
{
	if (is_of_node(fwnode) && !to_of_node(fwnode)->parent)
		return kstrdup("/", GFP_KERNEL);
	return kasprintf(GFP_KERNEL, "%pfwf", fwnode);
}

/* Quirks by compatible: of the bridge, else of the root; then below. */
static int nc_mmio_find_quirk(const struct fwnode_handle *fwnode,
			      const struct fwnode_handle *root,
			      const struct nc_mmio_quirk **q)
{
	int err;

	err = nc_mmio_quirk_compatible(fwnode, nc_mmio_quirk_by_compatible, q);
	if (!err && !*q && root != fwnode)
		err = nc_mmio_quirk_compatible(root, nc_mmio_quirk_by_compatible,
					       q);
	if (!err && !*q)
		err = nc_mmio_quirk_below(fwnode, q);
	return err;
}

/**
 * pci_nc_mmio_resolve() - find the facts that decide one host bridge
 * @nc: initialised and filled in: facts, firmware path
 * @fwnode: the host bridge's firmware node, or NULL if it has none
 * @top: walk up no further than this node (NULL: the root); KUnit tests
 *	 pass their own subtree so that the running system's tree is not seen
 * @param: the kernel parameter's value
 * @soc_quirk: the quirk that matches the SoC by its SoC ID, or NULL (the
 *	       one the system's SoC ID found; KUnit tests inject their own)
 *
 * Collects the facts the shared rules need (the SoC's quirk, quirk by
 * compatible of the bridge or of the root, quirk by a PCI ID below the
 * bridge, the nearest normal-nc-mmio from the bridge up);
 * pci_nc_mmio_decision() decides.
 * Quiet: the verdict is reported when it becomes final.
 *
 * Return: 0, or -ENOMEM.
 */
VISIBLE_IF_KUNIT int pci_nc_mmio_resolve(struct pci_nc_mmio *nc,
					 struct fwnode_handle *fwnode,
					 const struct fwnode_handle *top,
					 enum nc_mmio_value param,
					 const struct nc_mmio_quirk *soc_quirk)
{
	struct fwnode_handle *node, *root = NULL;
	enum nc_mmio_value v;
	int err = 0;

	memset(nc, 0, sizeof(*nc));
	spin_lock_init(&nc->lock);
	nc->facts.param = param;
	nc->facts.soc_quirk = soc_quirk;
	nc->facts.default_safe = IS_ENABLED(CONFIG_PCI_NORMAL_NC_MMIO_DEFAULT_SAFE);

	/* Nearest node wins: walk from the bridge up to the root once. */
	node = fwnode_handle_get(fwnode);
	while (node) {
		v = pci_nc_mmio_read(node);
		if (v != NC_MMIO_VALUE_ABSENT && !nc->fw_path) {
			nc->facts.firmware = v;
			nc->fw_path = nc_mmio_fw_path(node);
			if (!nc->fw_path) {
				err = -ENOMEM;
				fwnode_handle_put(node);
				break;
			}
		}
		fwnode_handle_put(root);
		root = node;
		if (node == top)
			break;
		node = fwnode_get_parent(node);
	}

	if (fwnode && !err)
		err = nc_mmio_find_quirk(fwnode, root, &nc->facts.quirk);
	fwnode_handle_put(root);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(pci_nc_mmio_resolve);

/**
 * pci_nc_mmio_decision() - a host bridge's decision as it stands
 * @nc: the bridge's state
 * @d: filled in: verdict, the rule that decided, the quirk if one did
 */
VISIBLE_IF_KUNIT void pci_nc_mmio_decision(const struct pci_nc_mmio *nc,
					   struct nc_mmio_decision *d)
{
	struct nc_mmio_facts facts = nc->facts;

	if (!facts.quirk)
		facts.quirk = READ_ONCE(nc->scan_quirk);
	nc_mmio_decide(&facts, d);
}
EXPORT_SYMBOL_IF_KUNIT(pci_nc_mmio_decision);

/**
 * pci_nc_mmio_release() - free what pci_nc_mmio_resolve() allocated
 * @nc: the state
 */
VISIBLE_IF_KUNIT void pci_nc_mmio_release(struct pci_nc_mmio *nc)
{
	kfree(nc->fw_path);
	nc->fw_path = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(pci_nc_mmio_release);

/**
 * pci_nc_mmio_attach() - give a host bridge its state and cached verdict
 * @bridge: the host bridge, not yet registered
 * @nc: resolved state; @bridge owns it from now on
 */
VISIBLE_IF_KUNIT void pci_nc_mmio_attach(struct pci_host_bridge *bridge,
					 struct pci_nc_mmio *nc)
{
	struct nc_mmio_decision d;

	pci_nc_mmio_decision(nc, &d);
	bridge->nc_mmio = nc;
	clear_bit(PCI_NC_MMIO_FINAL, &bridge->nc_mmio_flags);
	assign_bit(PCI_NC_MMIO_SAFE, &bridge->nc_mmio_flags,
		   d.verdict == NC_MMIO_SAFE);
}
EXPORT_SYMBOL_IF_KUNIT(pci_nc_mmio_attach);

/* The firmware node of a host bridge: its own (ACPI) or its parent's (DT). */
static struct fwnode_handle *nc_mmio_bridge_fwnode(struct pci_host_bridge *bridge)
{
	struct fwnode_handle *fwnode = dev_fwnode(&bridge->dev);

	if (!fwnode && bridge->dev.parent)
		fwnode = dev_fwnode(bridge->dev.parent);
	return fwnode;
}

/**
 * pci_nc_mmio_register_host_bridge() - decide and cache a bridge's verdict
 * @bridge: the host bridge being registered
 *
 * Called by pci_register_host_bridge() before any device below the bridge
 * is scanned.
 *
 * Return: 0, or -ENOMEM: then the bridge must not be registered, as it
 * has no verdict to show.
 */
int pci_nc_mmio_register_host_bridge(struct pci_host_bridge *bridge)
{
	struct pci_nc_mmio *nc;
	int err;

	nc_mmio_param_warn_once();
	nc = kzalloc(sizeof(*nc), GFP_KERNEL);
	if (!nc)
		return -ENOMEM;
	err = pci_nc_mmio_resolve(nc, nc_mmio_bridge_fwnode(bridge), NULL,
				  nc_mmio_param, nc_mmio_soc_quirk);
	if (err) {
		pci_nc_mmio_release(nc);
		kfree(nc);
		return err;
	}
	pci_nc_mmio_attach(bridge, nc);
	return 0;
}

/**
 * pci_nc_mmio_release_host_bridge() - free a bridge's normal-nc-mmio state
 * @bridge: the host bridge being released
 */
void pci_nc_mmio_release_host_bridge(struct pci_host_bridge *bridge)
{
	if (bridge->nc_mmio)
		pci_nc_mmio_release(bridge->nc_mmio);
	kfree(bridge->nc_mmio);
	bridge->nc_mmio = NULL;
	clear_bit(PCI_NC_MMIO_SAFE, &bridge->nc_mmio_flags);
}

/* The source as "NAME", "NAME:QUIRK" or "NAME:PATH": three strings. */
static const char *nc_mmio_source_parts(const struct pci_nc_mmio *nc,
					const struct nc_mmio_decision *d,
					const char **sep, const char **detail)
{
	*sep = ":";
	if (d->source == NC_MMIO_SRC_QUIRK)
		*detail = d->quirk->name;
	else if (d->source == NC_MMIO_SRC_FIRMWARE)
		*detail = nc->fw_path;
	else
		*sep = *detail = "";
	return nc_mmio_source_name(d->source);
}

/**
 * pci_nc_mmio_finalize() - the verdict of a host bridge is final
 * @bridge: the host bridge of a device about to be added, or of a root
 *	    bus whose devices are about to be added
 *
 * Devices below get their sysfs resource files and drivers from here on,
 * so quirks found while scanning can no longer change the verdict. Logs
 * the verdict once per host bridge, and the invalid firmware value if
 * that is what decided. Cheap after the first call.
 */
void pci_nc_mmio_finalize(struct pci_host_bridge *bridge)
{
	struct pci_nc_mmio *nc = bridge->nc_mmio;
	const char *src, *sep, *detail;
	struct nc_mmio_decision d;
	bool first;

	if (!nc || test_bit(PCI_NC_MMIO_FINAL, &bridge->nc_mmio_flags))
		return;
	spin_lock(&nc->lock);
	first = !test_and_set_bit(PCI_NC_MMIO_FINAL, &bridge->nc_mmio_flags);
	spin_unlock(&nc->lock);
	if (!first)
		return;

	pci_nc_mmio_decision(nc, &d);
	/* Warned only if rule 3 decided, as SPEC and ncpolicy do */
	if (d.source == NC_MMIO_SRC_FIRMWARE &&
	    nc->facts.firmware == NC_MMIO_VALUE_INVALID)
		pr_warn("%s: %s: invalid value (want \"safe\" or \"unsafe\"), resolving to unsafe\n",
			nc->fw_path, NC_MMIO_PROP);
	src = nc_mmio_source_parts(nc, &d, &sep, &detail);
	dev_info(&bridge->bus->dev, "%s: %s source=%s%s%s\n", NC_MMIO_PROP,
		 nc_mmio_verdict_name(d.verdict), src, sep, detail);
}

/**
 * pci_nc_mmio_scan_quirk() - re-decide a bridge for a quirk found scanning
 * @bridge: the host bridge of the device that matched
 * @q: the quirk
 *
 * Seen while the hierarchy is scanned, before any device below the bridge
 * is added, a quirk re-decides the bridge. Once devices have been added
 * the verdict is final: a device hot-added later cannot make an added
 * device unsafe.
 *
 * Return: 0 (re-decided, or nothing to change), or -EBUSY if @q would
 * change a verdict that is already final.
 */
VISIBLE_IF_KUNIT int pci_nc_mmio_scan_quirk(struct pci_host_bridge *bridge,
					    const struct nc_mmio_quirk *q)
{
	struct pci_nc_mmio *nc = bridge->nc_mmio;
	struct nc_mmio_decision was, d;
	struct nc_mmio_facts facts;
	int ret = 0;

	/* The first quirk found counts, the SoC's first of all */
	if (!nc || nc->facts.soc_quirk || nc->facts.quirk)
		return 0;

	spin_lock(&nc->lock);
	if (nc->scan_quirk)
		goto unlock;
	pci_nc_mmio_decision(nc, &was);
	facts = nc->facts;
	facts.quirk = q;
	nc_mmio_decide(&facts, &d);
	if (d.verdict == was.verdict && d.source == was.source)
		goto unlock;	/* a higher rule decides */
	if (test_bit(PCI_NC_MMIO_FINAL, &bridge->nc_mmio_flags)) {
		ret = -EBUSY;
		goto unlock;
	}
	WRITE_ONCE(nc->scan_quirk, q);
	assign_bit(PCI_NC_MMIO_SAFE, &bridge->nc_mmio_flags,
		   d.verdict == NC_MMIO_SAFE);
unlock:
	spin_unlock(&nc->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(pci_nc_mmio_scan_quirk);

/* A device found while scanning may match the quirk table by its PCI ID. */
static void nc_mmio_quirk_pci_id(struct pci_dev *pdev)
{
	const struct nc_mmio_quirk *q;

	q = nc_mmio_quirk_by_pci_id(pdev->vendor, pdev->device);
	if (q && pci_nc_mmio_scan_quirk(pci_find_host_bridge(pdev->bus), q))
		pci_warn(pdev, "%s: quirk:%s matches, but devices are already set up: reboot with %s=unsafe\n",
			 NC_MMIO_PROP, q->name, NC_MMIO_PARAM);
}
DECLARE_PCI_FIXUP_HEADER(PCI_ANY_ID, PCI_ANY_ID, nc_mmio_quirk_pci_id);

/**
 * pci_nc_mmio_safe() - may a device's memory BARs be mapped Normal-NC?
 * @pdev: the PCI device
 *
 * Reads the verdict cached in the device's host bridge; no firmware access.
 *
 * Return: true if write-combining (Normal-NC) mappings of @pdev's BARs are
 * safe, false if they must be Device mappings.
 */
bool pci_nc_mmio_safe(const struct pci_dev *pdev)
{
	return test_bit(PCI_NC_MMIO_SAFE,
			&pci_find_host_bridge(pdev->bus)->nc_mmio_flags);
}
EXPORT_SYMBOL_GPL(pci_nc_mmio_safe);

static ssize_t normal_nc_mmio_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct pci_host_bridge *bridge = to_pci_host_bridge(dev);

	return sysfs_emit(buf, "%s\n",
			  test_bit(PCI_NC_MMIO_SAFE, &bridge->nc_mmio_flags) ?
			  "safe" : "unsafe");
}
static DEVICE_ATTR_RO(normal_nc_mmio);

/* Formatted here from facts that never change under the reader. */
static ssize_t normal_nc_mmio_source_show(struct device *dev,
					  struct device_attribute *attr,
					  char *buf)
{
	struct pci_host_bridge *bridge = to_pci_host_bridge(dev);
	const char *src, *sep, *detail;
	struct nc_mmio_decision d;

	pci_nc_mmio_decision(bridge->nc_mmio, &d);
	src = nc_mmio_source_parts(bridge->nc_mmio, &d, &sep, &detail);
	return sysfs_emit(buf, "%s%s%s\n", src, sep, detail);
}
static DEVICE_ATTR_RO(normal_nc_mmio_source);

static struct attribute *pci_nc_mmio_attrs[] = {
	&dev_attr_normal_nc_mmio.attr,
	&dev_attr_normal_nc_mmio_source.attr,
	NULL,
};

static const struct attribute_group pci_nc_mmio_group = {
	.attrs = pci_nc_mmio_attrs,
};

const struct attribute_group *pci_nc_mmio_host_bridge_groups[] = {
	&pci_nc_mmio_group,
	NULL,
};
