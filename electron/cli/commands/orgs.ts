import { firstPositional } from '../args';
import { call, printJson, printTable, type Command } from '../command';

export const orgsCommands: Command[] = [
  {
    name: 'demo',
    usage: 'demo [--db 文件] [--json]',
    summary: '载入示例数据（约 300 个组织，标记为示例，可一键清除）',
    async run(core, _args, io) {
      const r = await call(core, 'demo.load', {});
      io.json ? printJson(io, r) : io.out(`已载入示例数据：${r.organizations} 个组织（${core.ctx.paths.dbPath}）`);
    },
  },
  {
    name: 'demo clear',
    usage: 'demo clear [--db 文件] [--json]',
    summary: '清除全部示例数据',
    async run(core, _args, io) {
      const r = await call(core, 'demo.clear', {});
      io.json ? printJson(io, r) : io.out(`已清除示例数据：${r.removed} 个组织`);
    },
  },
  {
    name: 'orgs list',
    usage: 'orgs list [--street 街道] [--query 关键字] [--unbuilt] [--flag 标记] [--category enterprise|social] [--db 文件] [--json]',
    summary: '列出组织档案；--unbuilt 只列应建未建',
    booleanFlags: ['unbuilt', 'include-dissolved'],
    async run(core, args, io) {
      const r = await call(core, 'orgs.list', {
        street: args.options.street,
        query: args.options.query,
        category: args.options.category as 'enterprise' | 'social' | undefined,
        flag: (args.flags.has('unbuilt') ? '应建未建' : args.options.flag) as '应建未建' | undefined,
        includeDissolved: args.flags.has('include-dissolved') || undefined,
        offset: 0,
        limit: 200_000,
      });
      if (io.json) return printJson(io, r);
      printTable(
        io,
        ['统一社会信用代码', '名称', '街道', '正式党员', '党组织', '标记'],
        r.rows.map((o) => [o.uscc, o.name, o.street, o.fullMembers, o.partyOrgBuilt ? o.partyOrgType : '未建', o.flags.join('、')]),
      );
      io.out(`共 ${r.total} 个`);
    },
  },
  {
    name: 'orgs show',
    usage: 'orgs show <统一社会信用代码> [--db 文件] [--json]',
    summary: '查看一个组织的档案',
    async run(core, args, io) {
      const uscc = firstPositional(args, '统一社会信用代码', 'orgs show 91131102MA0A1B2C3D');
      const r = await call(core, 'orgs.get', { uscc });
      if (io.json) return printJson(io, r);
      io.out(`${r.org.name}（${r.org.uscc}）`);
      io.out(`街道：${r.org.street}  经营状态：${r.org.operatingStatus}  从业人员：${r.org.employees ?? '—'}`);
      const yesNo = (b: boolean | null | undefined) => (b === true ? '是' : b === false ? '否' : '—');
      io.out(`登记证号：${r.org.registrationNo ?? '—'}  出资人（负责人）是否党员：${yesNo(r.org.investorIsMember)}`);
      io.out(`党组织：${r.partyOrg.built ? `${r.partyOrg.type}（${r.partyOrg.formation}）书记 ${r.partyOrg.secretaryName ?? '—'}` : '未建立'}`);
      if (r.partyOrg.built) io.out(`党组织名称：${r.partyOrg.name ?? '—'}  上级党组织：${r.partyOrg.superiorOrg ?? '—'}`);
      else io.out(`未建党组织原因：${r.partyOrg.notBuiltReason ?? '—'}`);
      for (const m of r.members) io.out(`${m.year} 年：正式党员 ${m.full}，预备党员 ${m.probationary}`);
      if (r.flags.length) io.out(`标记：${r.flags.join('、')}`);
    },
  },
];
