import { ruleTester } from "../tester/testing.ts";
import { rule as cmp02 } from "./cmp-02-unknown-argument.ts";
import { EBS, EBS_BODY_LINE } from "../tester/samples.ts";

ruleTester(cmp02, {
  valid: [
    { code: EBS() },
    {
      name: "nested and dynamic blocks of the schema; meta-arguments of provisioners and post-processors",
      code: EBS(
        '  launch_block_device_mappings {\n    device_name = "/dev/xvda"\n    volume_size = 40\n  }\n' +
          '  dynamic "tag" {\n    for_each = { a = "b" }\n    content {\n      key   = tag.key\n      value = tag.value\n    }\n  }\n',
        '  provisioner "shell" {\n    only         = ["amazon-ebs.runner"]\n    pause_before = "5s"\n    max_retries  = 2\n    timeout      = "5m"\n    inline       = ["true"]\n  }\n' +
          '  post-processor "manifest" {\n    keep_input_artifact = true\n    output              = "m.json"\n  }\n',
      ),
    },
    { name: "a build-level source block takes name", code: EBS("", '  source "amazon-ebs.runner" {\n    name = "second"\n  }\n') },
  ],
  invalid: [
    {
      name: "misspelled argument",
      code: EBS('  instance_typ = "t3.large"\n'),
      errors: [{ message: 'An argument named "instance_typ" is not expected here. Did you mean "instance_type"?', line: EBS_BODY_LINE, column: 3 }],
    },
    {
      name: "misspelled communicator argument",
      code: EBS('  ssh_usernme = "ec2-user"\n'),
      errors: [{ message: 'An argument named "ssh_usernme" is not expected here. Did you mean "ssh_username"?', line: EBS_BODY_LINE, column: 3 }],
    },
    {
      name: "owner for owners, inside a nested block",
      code: EBS().replace('owners      = ["137112412989"]', 'owner       = ["137112412989"]'),
      errors: [{ message: 'An argument named "owner" is not expected here. Did you mean "owners"?', line: 19, column: 5 }],
    },
    {
      name: "a block written as an argument",
      code: EBS('  launch_block_device_mappings = [{ device_name = "/dev/xvda" }]\n'),
      errors: [
        {
          message:
            'An argument named "launch_block_device_mappings" is not expected here. Did you mean to define a block of type "launch_block_device_mappings"?',
          line: EBS_BODY_LINE,
          column: 3,
        },
      ],
    },
    {
      name: "a map argument written as a block",
      code: EBS('  tags {\n    Name = "x"\n  }\n'),
      errors: [
        {
          message: 'Blocks of type "tags" are not expected here. Did you mean to define argument "tags"? If so, use the equals sign to assign it a value.',
          line: EBS_BODY_LINE,
          column: 3,
        },
      ],
    },
    {
      name: "a dynamic block generating an unknown block",
      code: EBS('  dynamic "launch_block_device_mapping" {\n    for_each = ["/dev/xvda"]\n    content {}\n  }\n'),
      errors: [
        {
          message: 'Blocks of type "launch_block_device_mapping" are not expected here. Did you mean "launch_block_device_mappings"?',
          line: EBS_BODY_LINE,
          column: 11,
          severity: "error",
        },
      ],
    },
    {
      name: "under a dynamic block that may generate nothing, a warning: Packer decodes only what it generates",
      code: `${EBS('  dynamic "assume_role" {\n    for_each = var.roles\n    content {\n      tag = assume_role.value\n    }\n  }\n')}variable "roles" {\n  default = []\n}\n`,
      errors: [
        {
          message: 'An argument named "tag" is not expected here. Did you mean "tags"? (Packer sees it once the dynamic block\'s for_each is not empty)',
          line: EBS_BODY_LINE + 3,
          column: 7,
          severity: "warning",
        },
      ],
    },
    {
      name: "an argument an older allowed release has: a warning that says which release has it",
      code:
        'packer {\n  required_plugins {\n    vmware = {\n      source  = "github.com/vmware/vmware"\n      version = ' +
        '">= 1.0.0"\n    }\n  }\n}\nsource "vmware-iso" "x" {\n  remote_host = "esxi.example.com"\n}\nbuild {\n  ' +
        'sources = ["source.vmware-iso.x"]\n}\n',
      errors: [
        {
          message:
            'An argument named "remote_host" is not expected here. Not in vmware 2.1.0, the newest release the template\'s version constraint allows (what packer init installs); vmware 1.2.0 has it.',
          line: 10,
          column: 3,
          severity: "warning",
        },
      ],
    },
    {
      name: "the same argument, with a constraint only newer releases meet: an error",
      code:
        'packer {\n  required_plugins {\n    vmware = {\n      source  = "github.com/vmware/vmware"\n      version = ' +
        '">= 2.0.0"\n    }\n  }\n}\nsource "vmware-iso" "x" {\n  remote_host = "esxi.example.com"\n}\nbuild {\n  ' +
        'sources = ["source.vmware-iso.x"]\n}\n',
      errors: [{ message: 'An argument named "remote_host" is not expected here.', line: 10, column: 3, severity: "error" }],
    },
    {
      name: "a plugin that moved is checked under its former source too",
      code:
        'packer {\n  required_plugins {\n    vmware = {\n      source  = "github.com/hashicorp/vmware"\n      version ' +
        '= ">= 1.0.0"\n    }\n  }\n}\nsource "vmware-iso" "x" {\n  iso_urll = "x.iso"\n}\nbuild {\n  sources = ["source.vmware-iso.x"]\n}\n',
      errors: [{ message: 'An argument named "iso_urll" is not expected here. Did you mean "iso_url"?', line: 10, column: 3 }],
    },
    {
      name: "an unknown argument of a core provisioner",
      code: EBS("", '  provisioner "file" {\n    sorce       = "a.txt"\n    destination = "/tmp/a.txt"\n  }\n'),
      errors: [{ message: 'An argument named "sorce" is not expected here. Did you mean "source"?', line: 27, column: 5 }],
    },
    {
      name: "a single block given twice",
      code: EBS('  source_ami_filter {\n    owners = ["amazon"]\n  }\n'),
      errors: [
        {
          message: "Duplicate source_ami_filter block: only one source_ami_filter block is allowed; another was defined at line 15",
          line: EBS_BODY_LINE,
          column: 3,
        },
      ],
    },
  ],
});
